package io.integr8s.replay.target;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

import io.integr8s.replay.ToolFailure;

/**
 * {@code <home>/runtime.properties}, written by a running integr8s (infra's embedded stack) with its live connection
 * settings under Spring property names and its {@code pid}. A process killed with -9 leaves the file behind, so it is
 * trusted only while that pid is alive.
 */
public record RuntimeProperties(Path file, Properties properties) {

    private static final String FILE_NAME = "runtime.properties";
    private static final String START_HINT = "start it (bin/integr8s) or pass --home / --jdbc-url";

    public static RuntimeProperties load(Path home) throws ToolFailure {
        Path file = home.resolve(FILE_NAME);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ToolFailure("no running integr8s found under " + home + ": " + START_HINT);
        } catch (IOException e) {
            throw new ToolFailure("cannot read " + file + " (" + e.getMessage() + "): check its permissions, or pass --jdbc-url", e);
        }
        RuntimeProperties runtime = new RuntimeProperties(file, properties);
        runtime.requireLiveProcess();
        return runtime;
    }

    public DatabaseTarget databaseTarget() throws ToolFailure {
        return new DatabaseTarget(required("spring.datasource.url"), properties.getProperty("spring.datasource.username"),
                properties.getProperty("spring.datasource.password"), file.toString());
    }

    private void requireLiveProcess() throws ToolFailure {
        long pid;
        try {
            pid = Long.parseLong(required("pid").trim());
        } catch (NumberFormatException e) {
            throw new ToolFailure(file + " has an invalid pid '" + properties.getProperty("pid") + "': " + START_HINT);
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        throw new ToolFailure("integr8s under " + file.getParent() + " is not running: " + file.getFileName()
                + " names pid " + pid + ", which has exited (left behind by a killed run). Start it again (bin/integr8s),"
                + " or, if that run's PostgreSQL is still up, pass --jdbc-url "
                + properties.getProperty("spring.datasource.url", "<url>") + " --user <user> --password <password>");
    }

    private String required(String key) throws ToolFailure {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new ToolFailure(file + " has no " + key + " (written by another version of integr8s?): "
                    + "restart integr8s (bin/integr8s) or pass --jdbc-url");
        }
        return value;
    }
}
