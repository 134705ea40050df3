package io.integr8s.bench.rebuild;

import io.integr8s.infra.axon.AxonJacksonAutoConfiguration;
import io.integr8s.infra.embedded.PostgresService;
import io.integr8s.projections.testing.ExecutionEventGenerator;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rebuild benchmark's store ({@code bench/rebuild}): while the instance of an integr8s home is stopped, appends
 * the lifecycles of {@code executions} executions to its event store through Axon's own JDBC engine and serializer
 * settings, then moves every tracking token to the new head, so that the live processors skip the generated events
 * and only the rebuild reads them; last it vacuums the event table. Arguments: {@code <home> <executions>}.
 */
public final class GeneratedStore {

    private static final Set<String> STORE_POSITIONS = Set.of(GapAwareTrackingToken.class.getName(),
            GlobalSequenceTrackingToken.class.getName());
    private static final int EXECUTIONS_PER_TRANSACTION = 200;
    private static final int EXECUTIONS_PER_PROGRESS_LINE = 20_000;

    private GeneratedStore() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GeneratedStore <integr8s home, its instance stopped> <executions>");
        }
        PostgresService postgres = new PostgresService(Path.of(args[0]));
        postgres.start();
        try {
            generate(postgres.connectionProperties(), Integer.parseInt(args[1]));
        } finally {
            postgres.stop();
        }
    }

    private static void generate(Map<String, String> connection, int executions) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection.get("spring.datasource.url"),
                connection.get("spring.datasource.username"), connection.get("spring.datasource.password"), true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new AxonJacksonAutoConfiguration().defaultAxonObjectMapper()).build();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connections).transactionManager(transactions)
                .eventSerializer(serializer).snapshotSerializer(serializer).build()).build();

        ExecutionEventGenerator generator = new ExecutionEventGenerator(eventStore, EXECUTIONS_PER_TRANSACTION);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long started = System.nanoTime();
        for (int done = 0; done < executions; done += EXECUTIONS_PER_PROGRESS_LINE) {
            int chunk = Math.min(EXECUTIONS_PER_PROGRESS_LINE, executions - done);
            generator.publish(chunk, start.plusMillis((long) done * ExecutionEventGenerator.EVENTS_PER_EXECUTION));
            progress("appended %,d of %,d events (%.0f s)", (long) (done + chunk) * ExecutionEventGenerator.EVENTS_PER_EXECUTION,
                    (long) executions * ExecutionEventGenerator.EVENTS_PER_EXECUTION, (System.nanoTime() - started) / 1e9);
        }

        TrackingToken head = eventStore.createHeadToken();
        JdbcTokenStore tokens = JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer)
                .nodeId("bench-generated-store").build();
        List<Map<String, Object>> segments = jdbc.queryForList("SELECT processorname, segment, tokentype FROM tokenentry");
        for (Map<String, Object> segment : segments) {
            String processor = (String) segment.get("processorname");
            int id = ((Number) segment.get("segment")).intValue();
            Object type = segment.get("tokentype");
            if (type != null && !STORE_POSITIONS.contains(type)) {
                progress("token of %s segment %d left alone: %s is not a position in the event store (fed from Kafka)", processor, id, type);
                continue;
            }
            transactions.executeInTransaction(() -> {
                tokens.fetchToken(processor, id);
                tokens.storeToken(head, processor, id);
                tokens.releaseClaim(processor, id);
            });
            progress("token of %s segment %d (%s) moved to the head (%s)", processor, id, type, head);
        }
        // what autovacuum would do after so many inserts anyway; done here, it does not run during the measurement
        progress("vacuuming and analysing the event store");
        jdbc.execute("VACUUM ANALYZE domainevententry");
        dataSource.destroy();
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
