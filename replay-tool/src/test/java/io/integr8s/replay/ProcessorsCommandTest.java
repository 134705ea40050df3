package io.integr8s.replay;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.tokenstore.ConfigToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code processors} against Axon's tables on a real PostgreSQL. */
class ProcessorsCommandTest {

    private static final Instant T0 = Instant.parse("2025-11-20T10:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static AxonStore store;

    @BeforeAll
    static void fillTheStore() throws SQLException {
        store = AxonStore.create(TestPostgres.get(), "integr8s", AxonStore.JDBC_EVENTS, AxonStore.JDBC_TOKENS);
        // events 1..12, one minute apart, with 7 missing (a rolled-back transaction): 11 events, head 12 at 10:12
        for (long index = 1; index <= 12; index++) {
            if (index != 7) {
                store.event(index, T0.plus(Duration.ofMinutes(index)));
            }
        }
        Instant updated = NOW.minusSeconds(2);
        store.token("execution-projection", 0, "4711@node-a", GapAwareTrackingToken.newInstance(12, List.of()), updated);
        store.token("execution-projection", 1, "4711@node-a", GapAwareTrackingToken.newInstance(9, List.of(7L)), updated);
        store.token("execution-projection", 2, null, null, NOW.minus(Duration.ofMinutes(5)));
        store.token("notification-projection", 0, "4712@node-b", ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(12, List.of()), GapAwareTrackingToken.newInstance(4, List.of())), updated);
        store.token("user-statistics", 0, "4712@node-b",
                ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(12, List.of())), updated);
        store.token("sse-bridge", 0, "4711@node-a", KafkaTrackingToken.newInstance(Map.of(
                new TopicPartition("integr8s.events", 0), 5L, new TopicPartition("integr8s.events", 2), 3L,
                new TopicPartition("integr8s.events", 10), 1L, new TopicPartition("integr8s.events", 1), 7L)), updated);
        // a Kafka processor just started: Axon wraps its first token in a replay token
        store.token("notifications", 0, "4712@node-b", ReplayToken.createReplayToken(
                KafkaTrackingToken.newInstance(Map.of())), updated);
        store.token("settings-history", 0, null, new MergedTrackingToken(GapAwareTrackingToken.newInstance(3, List.of()),
                GapAwareTrackingToken.newInstance(5, List.of())), updated);
        store.token("__config", 0, null, new ConfigToken(Map.of("id", "store-1")), updated);
    }

    private static ToolRun processors(String jdbcUrl) {
        return ToolRun.run(Map.of(), CLOCK, "processors", "--jdbc-url", jdbcUrl, "--user", "postgres");
    }

    @Test
    void printsTheHeadAndEverySegmentWithItsPositionAndLag() {
        ToolRun run = processors(store.jdbcUrl());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                database:    %s (from --jdbc-url)
                event store: head 12 at 2025-11-20T10:12:00Z (48m 00s ago), 11 events

                PROCESSOR                SEGMENT  OWNER        POSITION                                                                                LAG EVENTS  LAG TIME  LAST UPDATE
                execution-projection     0        4711@node-a  12                                                                                      0           0s        2025-11-20T10:59:58Z (2s ago)
                execution-projection     1        4711@node-a  9 (1 gap)                                                                               3           3m 00s    2025-11-20T10:59:58Z (2s ago)
                execution-projection     2        unclaimed    start                                                                                   11          11m 00s   2025-11-20T10:55:00Z (5m 00s ago)
                notification-projection  0        4712@node-b  replay 4 (reset at 12)                                                                  8           8m 00s    2025-11-20T10:59:58Z (2s ago)
                notifications            0        4712@node-b  replay start (reset at kafka (no offsets yet))                                          n/a         n/a       2025-11-20T10:59:58Z (2s ago)
                settings-history         0        unclaimed    MergedTrackingToken (not interpreted)                                                   n/a         n/a       2025-11-20T10:59:58Z (2s ago)
                sse-bridge               0        4711@node-a  kafka integr8s.events-0:5 integr8s.events-1:7 integr8s.events-2:3 integr8s.events-10:1  n/a         n/a       2025-11-20T10:59:58Z (2s ago)
                user-statistics          0        4712@node-b  replay start (reset at 12)                                                              11          11m 00s   2025-11-20T10:59:58Z (2s ago)
                """.formatted(store.jdbcUrl()));
    }

    @Test
    void readsTablesLaidOutByJpaNamingToo() throws SQLException {
        AxonStore jpa = AxonStore.create(TestPostgres.get(), "jpa_layout", AxonStore.SNAKE_CASE_EVENTS, AxonStore.SNAKE_CASE_TOKENS);
        jpa.event(1, T0);
        jpa.event(2, T0.plusSeconds(90));
        jpa.token("execution-projection", 0, null, GapAwareTrackingToken.newInstance(1, List.of()), NOW);

        ToolRun run = processors(jpa.jdbcUrl());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("event store: head 2 at 2025-11-20T10:01:30Z (58m 30s ago), 2 events")
                .containsPattern("execution-projection +0 +unclaimed +1 +1 +1m 30s +2025-11-20T11:00:00Z \\(0s ago\\)");
    }

    @Test
    void saysSoWhenTheStoreIsEmptyAndNoProcessorHasStarted() throws SQLException {
        AxonStore empty = AxonStore.create(TestPostgres.get(), "fresh", AxonStore.JDBC_EVENTS, AxonStore.JDBC_TOKENS);

        ToolRun run = processors(empty.jdbcUrl());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("""
                event store: empty (no events yet)

                no processor has a token yet (processors store one when they first start)
                """);
    }

    @Test
    void aProcessorHasNoLagWhileTheStoreIsEmpty() throws SQLException {
        AxonStore empty = AxonStore.create(TestPostgres.get(), "fresh_started", AxonStore.JDBC_EVENTS, AxonStore.JDBC_TOKENS);
        empty.token("execution-projection", 0, "4711@node-a", null, NOW);

        ToolRun run = processors(empty.jdbcUrl());

        assertThat(run.out()).containsPattern("execution-projection +0 +4711@node-a +start +0 +- +2025-11-20T11:00:00Z");
    }

    @Test
    void failsWithAdviceOnADatabaseWithoutAxonTables() throws SQLException {
        AxonStore other = AxonStore.emptyDatabase(TestPostgres.get(), "not_integr8s");

        ToolRun run = processors(other.jdbcUrl());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("replay-tool: no Axon event store here: table domainevententry not found."
                + " Is this integr8s's database, and has integr8s started on it once (it creates the tables)?\n");
    }

    @Test
    void failsWithAdviceWhenThePostgresIsUnreachableAndNeverPrintsThePassword() {
        ToolRun run = processors("jdbc:postgresql://127.0.0.1:1/integr8s?password=s3cret");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("replay-tool: cannot connect to PostgreSQL at"
                        + " jdbc:postgresql://127.0.0.1:1/integr8s?password=*** (from --jdbc-url): ")
                .endsWith(". Check that integr8s (or that database) is running and the url, user and password are right\n")
                .doesNotContain("s3cret");
    }
}
