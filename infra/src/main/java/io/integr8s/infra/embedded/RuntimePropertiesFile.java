package io.integr8s.infra.embedded;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * {@code <home>/runtime.properties}: the live connection settings of the running stack, keyed by the Spring property
 * names, so tools such as the replay CLI can load it as a property file to reach the same stores. It holds the
 * stores' credentials too, so it is 0600 like everything in the home.
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
        StringWriter text = new StringWriter();
        properties.store(text, "integr8s embedded stack, valid while process " + ProcessHandle.current().pid() + " runs");
        PrivateFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
