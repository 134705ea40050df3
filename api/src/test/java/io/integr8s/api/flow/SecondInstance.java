package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A second app instance in the test's JVM, sharing the first one's PostgreSQL, Kafka, Redis and Mongo (read from
 * {@code <home>/runtime.properties}, which the embedded stack writes) but nothing else: its own port, its own home
 * (sandbox journal) and its own sandbox uids. Close it before the test class ends.
 */
final class SecondInstance implements AutoCloseable {

    /** Far enough from the first instance's slots, below the next engineer's range. */
    private static final int UID_OFFSET = 500;

    private final ConfigurableApplicationContext context;

    private SecondInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts it; {@code properties} ({@code name=value}) are added to (and win over) the shared settings. */
    static SecondInstance sharingStoresWith(Environment first, String... properties) {
        return new SecondInstance(new SpringApplicationBuilder(Integr8sApplication.class)
                .run(arguments(first, "second-instance", 0, properties).toArray(String[]::new)));
    }

    /**
     * Command-line arguments of an instance using the first one's stores (from its {@code runtime.properties}), with
     * its own home {@code <home>/<name>}, its own sandbox uids and the given port (0 = any).
     */
    static List<String> arguments(Environment first, String name, int port, String... properties) {
        Path home = Path.of(first.getRequiredProperty("integr8s.home")).toAbsolutePath();
        int uidBase = first.getProperty("integr8s.executor.local.uid-base", Integer.class, 61_000);
        List<String> arguments = new ArrayList<>();
        Properties stores = runtimeProperties(home);
        stores.stringPropertyNames().stream().filter(property -> !property.equals("pid")).sorted()
                .forEach(property -> arguments.add("--" + property + "=" + stores.getProperty(property)));
        arguments.add("--integr8s.embedded.enabled=false");
        arguments.add("--integr8s.home=" + home.resolve(name));
        shareSessionKey(home, home.resolve(name));
        arguments.add("--integr8s.executor.local.uid-base=" + (uidBase + UID_OFFSET));
        arguments.add("--server.port=" + port);
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return arguments;
    }

    /** Instances serving the same users sign with the same key: the first one's generated key, copied privately. */
    private static void shareSessionKey(Path firstHome, Path home) {
        Path key = Path.of("secrets", "jwt-secret");
        if (!Files.exists(firstHome.resolve(key))) {
            return;
        }
        try {
            Files.createDirectories(home);
            if (!Files.isDirectory(home.resolve(key).getParent())) {
                Files.createDirectory(home.resolve(key).getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.copy(firstHome.resolve(key), home.resolve(key), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties runtimeProperties(Path home) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("runtime.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("The first instance's embedded stack has not written " + home
                    + "/runtime.properties; start it with integr8s.embedded.enabled=true", e);
        }
        return properties;
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
