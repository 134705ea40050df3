package io.integr8s.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rebuild} and {@code reset} against integr8s's request tables on a real PostgreSQL, made from the app's own
 * {@code projection-rebuilds.sql}; a thread plays the running instance that picks requests up.
 */
class RebuildCommandTest {

    private static final Path DDL = Path.of("..", "api", "src", "main", "resources", "projection-rebuilds.sql");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static AxonStore store;

    @BeforeAll
    static void fillTheStore() throws SQLException, IOException {
        store = AxonStore.create(TestPostgres.get(), "rebuilds", AxonStore.JDBC_EVENTS, AxonStore.JDBC_TOKENS);
        // events 1..10 one minute apart, 4 missing: 9 events
        for (long index = 1; index <= 10; index++) {
            if (index != 4) {
                store.event(index, T0.plus(Duration.ofMinutes(index)));
            }
        }
        store.token("execution-projection", 0, "4711@node-a", GapAwareTrackingToken.newInstance(10, List.of()), T0);
        store.token("coordinator", 0, "4711@node-a", GapAwareTrackingToken.newInstance(8, List.of()), T0);
        execute(Files.readString(DDL));
        execute("INSERT INTO projection_generations VALUES ('executions', 1, now())");
    }

    @BeforeEach
    void noRequests() throws SQLException {
        execute("DELETE FROM projection_rebuilds");
    }

    private static ToolRun tool(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--jdbc-url", store.jdbcUrl(), "--user", "postgres"}, 0, all, args.length, 4);
        return ToolRun.run(Map.of(), Clock.systemUTC(), all);
    }

    @Test
    void aDryRunRebuildSaysWhatWouldHappenAndHowManyEventsAndChangesNothing() throws SQLException {
        ToolRun run = tool("rebuild", "executions", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                database:    %s (from --jdbc-url)
                rebuild:     executions: generation 1 keeps serving reads while a new processor builds a new generation \
                from all 9 events, then the read side switches and generation 1 is dropped
                dry run:     nothing changed; it would process 9 events
                """.formatted(store.jdbcUrl()));
        assertThat(requests()).isZero();
    }

    @Test
    void aDryRunResetCountsTheEventsFromTheGivenTime() throws SQLException {
        ToolRun run = tool("reset", "coordinator", "--from", "2026-01-01T00:06:00Z", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("""
                reset:       coordinator (1 segment, now at 8) to 2026-01-01T00:06:00Z: it halts on every instance, \
                Axon resets its tokens, then it replays 5 events
                dry run:     nothing changed; it would replay 5 events
                """);
        assertThat(requests()).isZero();
    }

    @Test
    void anUnknownProjectionOrProcessorIsAUsageErrorNamingTheKnownOnes() {
        ToolRun rebuild = tool("rebuild", "user-directory");
        ToolRun reset = tool("reset", "nobody");

        assertThat(rebuild.exitCode()).isEqualTo(2);
        assertThat(rebuild.err()).startsWith("replay-tool: unknown projection 'user-directory': integr8s rebuilds executions (");
        assertThat(reset.exitCode()).isEqualTo(2);
        assertThat(reset.err()).startsWith("replay-tool: unknown processor 'nobody': processors with tokens here:"
                + " [coordinator, execution-projection]");
    }

    @Test
    void withNoInstanceToPickItUpTheRequestIsWithdrawnAndItSaysWhatToStart() throws SQLException {
        ToolRun run = tool("rebuild", "executions", "--wait", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("replay-tool: no running integr8s picked the request up within 1s, so it was"
                + " withdrawn (nothing changed): start integr8s");
        assertThat(statuses()).containsExactly("cancelled");
    }

    @Test
    void followsTheRebuildTheRunningInstanceDoesAndReportsItsRate() throws Exception {
        CompletableFuture<Void> instance = CompletableFuture.runAsync(() -> playInstance("completed", null));

        ToolRun run = tool("rebuild", "executions");
        instance.get();

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("request:     ",
                        "\n[#############-----------------]  44%  4/9 events  ? events/s  ETA ?  running\n",
                        "\n[##############################] 100%  9/9 events")
                .endsWith("rebuilt executions: generation 2 serves reads; 9 events in 2s (4 events/s); generation 1 dropped\n");
    }

    @Test
    void aFailedRebuildExitsWithOneAndTheInstancesMessage() throws Exception {
        CompletableFuture<Void> instance = CompletableFuture.runAsync(() -> playInstance("failed", "mongo is down: start it"));

        ToolRun run = tool("rebuild", "executions");
        instance.get();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("replay-tool: the rebuild of executions failed: mongo is down: start it\n");
    }

    @Test
    void aSecondRequestForTheSameTargetIsRefusedWhileOneIsActive() throws SQLException {
        execute("INSERT INTO projection_rebuilds (id, kind, target, status) VALUES"
                + " ('00000000-0000-0000-0000-000000000001', 'rebuild', 'executions', 'running')");

        ToolRun run = tool("rebuild", "executions");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("replay-tool: a rebuild or reset of 'executions' is already running (request"
                + " 00000000-0000-0000-0000-000000000001): wait until it has finished (or cancel it), then run this again\n");
    }

    @Test
    void withoutTheRequestTablesItSaysToStartIntegr8sOnce() throws SQLException {
        AxonStore bare = AxonStore.create(TestPostgres.get(), "bare", AxonStore.JDBC_EVENTS, AxonStore.JDBC_TOKENS);

        ToolRun run = ToolRun.run("rebuild", "executions", "--jdbc-url", bare.jdbcUrl(), "--user", "postgres");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("replay-tool: table projection_rebuilds not found: the integr8s on this database"
                + " has not started yet, or is older than this tool. Start integr8s (bin/integr8s) once, then run this"
                + " again\n");
    }

    /** Claims the request, reports half the events, then finishes it as {@code outcome}, two seconds after starting. */
    private static void playInstance(String outcome, String error) {
        try {
            String id = awaitRequest();
            execute("UPDATE projection_rebuilds SET status = 'running', generation = 2, previous_generation = 1,"
                    + " started_at = '2026-01-01T01:00:00Z', processed = 4, total = 9 WHERE id = '" + id + "'");
            Thread.sleep(1_000);
            execute("UPDATE projection_rebuilds SET status = 'switching', processed = 9 WHERE id = '" + id + "'");
            Thread.sleep(500);
            execute("UPDATE projection_rebuilds SET status = '" + outcome + "', error = " + (error == null ? "NULL"
                    : "'" + error + "'") + ", finished_at = '2026-01-01T01:00:02Z' WHERE id = '" + id + "'");
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String awaitRequest() throws SQLException, InterruptedException {
        while (true) {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT id FROM projection_rebuilds WHERE status = 'requested'")) {
                if (row.next()) {
                    return row.getString(1);
                }
            }
            Thread.sleep(50);
        }
    }

    private static long requests() throws SQLException {
        return statuses().size();
    }

    private static List<String> statuses() throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT status FROM projection_rebuilds");
             ResultSet rows = statement.executeQuery()) {
            List<String> statuses = new ArrayList<>();
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
            return statuses;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(store.jdbcUrl(), "postgres", null);
    }
}
