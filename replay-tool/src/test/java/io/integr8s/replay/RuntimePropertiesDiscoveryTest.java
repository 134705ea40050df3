package io.integr8s.replay;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the running integr8s through {@code <home>/runtime.properties}, as infra's embedded stack writes it. */
class RuntimePropertiesDiscoveryTest {

    private static AxonStore store;

    @TempDir
    Path home;

    @BeforeAll
    static void createTheStore() throws SQLException {
        store = AxonStore.create(TestPostgres.get(), "discovered", AxonStore.JDBC_EVENTS, AxonStore.JDBC_TOKENS);
    }

    private void writeRuntimeProperties(long pid) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("spring.datasource.url", store.jdbcUrl());
        properties.setProperty("spring.datasource.username", "postgres");
        properties.setProperty("spring.datasource.password", "");
        properties.setProperty("axon.kafka.bootstrap-servers", "127.0.0.1:9092");
        properties.setProperty("pid", Long.toString(pid));
        try (Writer writer = Files.newBufferedWriter(home.resolve("runtime.properties"))) {
            properties.store(writer, "integr8s embedded stack");
        }
    }

    @Test
    void usesTheHomeGivenWithTheOption() throws IOException {
        writeRuntimeProperties(ProcessHandle.current().pid());

        ToolRun run = ToolRun.run("processors", "--home", home.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("database:    " + store.jdbcUrl() + " (from " + home.resolve("runtime.properties") + ")\n")
                .contains("event store: empty (no events yet)");
    }

    @Test
    void usesTheHomeFromTheEnvironmentWithoutTheOption() throws IOException {
        writeRuntimeProperties(ProcessHandle.current().pid());

        ToolRun run = ToolRun.run(Map.of("INTEGR8S_HOME", home.toString()), Clock.systemUTC(), "processors");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("(from " + home.resolve("runtime.properties") + ")");
    }

    @Test
    void saysHowToStartWhenNothingRunsUnderTheHome() {
        ToolRun run = ToolRun.run("processors", "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("replay-tool: no running integr8s found under " + home
                + ": start it (bin/integr8s) or pass --home / --jdbc-url\n");
    }

    @Test
    void defaultsToDotIntegr8sInTheWorkingDirectory() {
        ToolRun run = ToolRun.run("processors");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("replay-tool: no running integr8s found under "
                + Path.of(".integr8s").toAbsolutePath().normalize() + ": ");
    }

    @Test
    void refusesAFileLeftBehindByAKilledRun() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        writeRuntimeProperties(exited.pid());

        ToolRun run = ToolRun.run("processors", "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("replay-tool: integr8s under " + home + " is not running: runtime.properties names pid "
                + exited.pid() + ", which has exited (left behind by a killed run). Start it again (bin/integr8s),"
                + " or, if that run's PostgreSQL is still up, pass --jdbc-url " + store.jdbcUrl()
                + " --user <user> --password <password>\n");
    }
}
