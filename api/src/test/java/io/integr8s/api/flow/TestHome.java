package io.integr8s.api.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh INTEGR8S_HOME per test class under target/, set before Spring (and the embedded stack) starts. */
final class TestHome {

    private TestHome() {
    }

    static Path fresh(String name) {
        Path home = Path.of("target", "it-home", name).toAbsolutePath();
        if (Files.exists(home)) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.setProperty("integr8s.home", home.toString());
        return home;
    }
}
