package io.integr8s.executor.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every manifest under the repository's k8s/ directory, parsed by fabric8 (unknown kinds as generic resources). */
final class KubernetesManifests {

    /** Tests run in the module's directory; k8s/ is beside it. */
    static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();

    record Manifest(Path file, KubernetesResource resource) {

        <T extends HasMetadata> T as(Class<T> type) {
            return type.cast(resource);
        }

        String kind() {
            return resource instanceof HasMetadata metadata ? metadata.getKind() : resource.getClass().getSimpleName();
        }
    }

    private KubernetesManifests() {
    }

    static List<Manifest> all() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted()
                    .map(file -> new Manifest(file, parse(file))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return all().stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> generic(String kind) {
        return ofType(GenericKubernetesResource.class).stream().filter(resource -> kind.equals(resource.getKind())).toList();
    }

    private static KubernetesResource parse(Path file) {
        try {
            return Serialization.unmarshal(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
