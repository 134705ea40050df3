package io.integr8s.api.roles;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The app binds to loopback by default; every Deployment of k8s/ tells it to listen on the pod's address. */
class DeploymentAddressTest {

    private static final Path BASE = Path.of("..", "k8s", "base");

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDeploymentGetsServerAddressFromTheSharedConfigMap() throws IOException {
        Map<String, Object> configMap = load(BASE.resolve("configmap.yaml"));
        assertThat(((Map<String, Object>) configMap.get("data")).get("SERVER_ADDRESS")).isEqualTo("0.0.0.0");

        List<Path> deployments;
        try (Stream<Path> files = Files.list(BASE)) {
            deployments = files.filter(file -> file.getFileName().toString().startsWith("deployment-")).toList();
        }
        assertThat(deployments).hasSize(3);
        for (Path deployment : deployments) {
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) load(deployment)
                    .get("spec")).get("template")).get("spec");
            for (Map<String, Object> container : (List<Map<String, Object>>) spec.get("containers")) {
                assertThat((List<Map<String, Object>>) container.get("envFrom")).as("%s", deployment)
                        .anyMatch(source -> source.get("configMapRef") instanceof Map<?, ?> ref
                                && "integr8s-config".equals(ref.get("name")));
            }
        }
    }
}
