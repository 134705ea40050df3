package io.integr8s.infra.embedded;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * {@code <home>/runtime.properties}: the live connection settings of the running stack, keyed by the Spring property
 * names, so tools such as the replay CLI can load it as a property file to reach the same stores.
 */
final class RuntimePropertiesFile {

    static final String FILE_NAME = "runtime.properties";

    private final Path file;

    RuntimePropertiesFile(Path home) {
        this.file = home.resolve(FILE_NAME);
    }

    void write(Map<String, String> connectionProperties) throws IOException {
        Properties properties = new Properties();
        properties.putAll(connectionProperties);
        properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            properties.store(writer, "integr8s embedded stack, valid while process " + ProcessHandle.current().pid() + " runs");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
