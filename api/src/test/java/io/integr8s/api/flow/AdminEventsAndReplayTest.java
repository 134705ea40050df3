package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.command.eventdeletion.api.DeleteStoredEvent;
import io.integr8s.command.eventdeletion.api.StoredEventDeleted;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admins' event store views (browse, stats, export, detail, tombstone delete) and replays (dry run, sessions to
 * Kafka with provenance headers, their state machine, the status stream), over HTTP on the embedded stack.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.replay.poll-interval=100ms",
                "integr8s.replay.status-interval=100ms",
                // a slow replay (speed 0.1) waits ten times each original gap, so it is still running when paused
                "integr8s.replay.max-event-delay=1h"})
class AdminEventsAndReplayTest {

    static {
        TestHome.fresh("admin-events-replay");
    }

    private static final Duration RUN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${axon.kafka.bootstrap-servers}")
    String kafka;
    @Value("${axon.kafka.default-topic}")
    String topic;
    @Autowired
    org.axonframework.extensions.kafka.KafkaProperties axonKafka;

    private WebClient admin() {
        return ApiClient.as(port, "admin", "admin123").http();
    }

    /** A finished execution's id, with the ids of its stored events in order. */
    private record Run(String executionId, List<String> eventIds) {
    }

    private Run finishedRun() {
        ApiClient user = ApiClient.as(port, "user", "user123");
        String id = user.submit("print('replay me')");
        user.awaitStatus(id, RUN, "completed");
        await().atMost(RUN).until(() -> podDeleted(id));
        return new Run(id, eventIds(id));
    }

    private List<String> eventIds(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getIdentifier).toList();
    }

    private boolean podDeleted(String executionId) {
        return eventStore.readEvents(executionId).asStream()
                .anyMatch(event -> event.getPayloadType().getSimpleName().equals("PodDeleted"));
    }

    private static ResponseEntity<JsonNode> send(WebClient http, String method, String uri, Object body) {
        return HttpCalls.send(http, HttpMethod.valueOf(method), uri, body);
    }

    @Test
    void everyEndpointRefusesPlainUsersAndAnonymousClients() {
        WebClient user = ApiClient.as(port, "user", "user123").http();
        WebClient anonymous = ApiClient.anonymous(port).http();
        String id = UUID.randomUUID().toString();
        List<String[]> operations = List.of(
                new String[]{"POST", "/admin/events/browse"}, new String[]{"GET", "/admin/events/stats"},
                new String[]{"GET", "/admin/events/export/csv"}, new String[]{"GET", "/admin/events/" + id},
                new String[]{"DELETE", "/admin/events/" + id}, new String[]{"POST", "/admin/events/replay"},
                new String[]{"GET", "/admin/events/replay/" + id + "/status"},
                new String[]{"POST", "/replay/sessions"}, new String[]{"GET", "/replay/sessions"},
                new String[]{"GET", "/replay/sessions/" + id}, new String[]{"POST", "/replay/sessions/" + id + "/start"},
                new String[]{"POST", "/replay/sessions/" + id + "/pause"},
                new String[]{"POST", "/replay/sessions/" + id + "/resume"},
                new String[]{"POST", "/replay/sessions/" + id + "/cancel"}, new String[]{"POST", "/replay/cleanup"});
        for (String[] operation : operations) {
            Object body = operation[0].equals("POST") ? Map.of("filters", Map.of(), "replay_type", "query") : null;
            assertThat(send(user, operation[0], operation[1], body).getStatusCode().value())
                    .as("user %s %s", operation[0], operation[1]).isEqualTo(403);
            assertThat(send(anonymous, operation[0], operation[1], body).getStatusCode().value())
                    .as("anonymous %s %s", operation[0], operation[1]).isEqualTo(401);
        }
    }

    @Test
    void aDryRunCountsAndPreviewsTheStoredEventsOfItsFilterAndChangesNothing() {
        Run run = finishedRun();
        WebClient admin = admin();
        int sessionsBefore = send(admin, "GET", "/replay/sessions", null).getBody().size();

        JsonNode dryRun = send(admin, "POST", "/admin/events/replay", Map.of("aggregate_id", run.executionId()))
                .getBody();

        assertThat(dryRun.get("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.get("status").asText()).isEqualTo("preview");
        assertThat(dryRun.get("session_id").isNull()).isTrue();
        assertThat(dryRun.get("total_events").asInt()).isEqualTo(run.eventIds().size());
        assertThat(ids(dryRun.get("events_preview"))).isEqualTo(run.eventIds().subList(0,
                Math.min(10, run.eventIds().size())));
        assertThat(send(admin, "GET", "/replay/sessions", null).getBody().size()).isEqualTo(sessionsBefore);

        JsonNode two = send(admin, "POST", "/admin/events/replay", Map.of("event_ids", run.eventIds().subList(0, 2)))
                .getBody();
        assertThat(two.get("total_events").asInt()).isEqualTo(2);
        assertThat(send(admin, "POST", "/admin/events/replay", Map.of()).getStatusCode().value()).isEqualTo(422);
        assertThat(send(admin, "POST", "/admin/events/replay", Map.of("aggregate_id", "no-such-aggregate"))
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void browseStatsExportAndDetailShowTheStoredEvents() {
        Run run = finishedRun();
        WebClient admin = admin();

        JsonNode page = send(admin, "POST", "/admin/events/browse", Map.of("filters",
                Map.of("aggregate_id", run.executionId()), "limit", 3)).getBody();
        assertThat(page.get("total").asInt()).isEqualTo(run.eventIds().size());
        assertThat(page.get("events")).hasSize(3);
        assertThat(page.get("events").get(0).get("event_id").asText()).isEqualTo(run.eventIds().get(run.eventIds().size() - 1));
        JsonNode completed = send(admin, "POST", "/admin/events/browse", Map.of("filters", Map.of("aggregate_id",
                run.executionId(), "event_types", List.of("execution_completed")))).getBody();
        assertThat(completed.get("total").asInt()).isEqualTo(1);
        assertThat(completed.get("events").get(0).get("result").get("stdout").asText()).contains("replay me");
        assertThat(completed.get("events").get(0).get("metadata").get("user_id").asText()).isNotBlank();

        JsonNode detail = send(admin, "GET", "/admin/events/" + run.eventIds().get(0), null).getBody();
        assertThat(detail.get("event").get("event_type").asText()).isEqualTo("execution_requested");
        assertThat(ids(detail.get("timeline"))).containsAll(run.eventIds());
        assertThat(ids(detail.get("related_events"))).containsAll(run.eventIds().subList(1, run.eventIds().size()))
                .doesNotContain(run.eventIds().get(0));

        JsonNode stats = send(admin, "GET", "/admin/events/stats?hours=1", null).getBody();
        assertThat(stats.get("total_events").asInt()).isGreaterThanOrEqualTo(run.eventIds().size());
        assertThat(StreamSupport.stream(stats.get("events_by_type").spliterator(), false)
                .map(type -> type.get("event_type").asText())).contains("execution_requested", "execution_completed");
        assertThat(stats.get("events_by_hour")).isNotEmpty();
        assertThat(stats.get("top_users")).isNotEmpty();
        assertThat(stats.get("avg_processing_time").asDouble()).isPositive();

        String csv = admin.get().uri("/admin/events/export/csv?aggregate_id={id}&limit=3", run.executionId())
                .retrieve().bodyToMono(String.class).block(RUN);
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).startsWith("\"event_id\",\"event_type\"");
        String json = admin.get().uri("/admin/events/export/json?aggregate_id={id}", run.executionId())
                .retrieve().bodyToMono(String.class).block(RUN);
        assertThat(ids(parse(json))).isEqualTo(run.eventIds());
    }

    @Test
    void deletingAnEventLeavesATombstoneThatHidesItAndRecordsWhoDeletedIt() {
        Run run = finishedRun();
        WebClient admin = admin();
        String victim = run.eventIds().get(1);

        ResponseEntity<JsonNode> deleted = send(admin, "DELETE", "/admin/events/" + victim + "?reason=test", null);

        assertThat(deleted.getStatusCode().value()).isEqualTo(200);
        assertThat(deleted.getBody().get("event_id").asText()).isEqualTo(victim);
        assertThat(eventIds(run.executionId())).contains(victim); // the store is append-only
        JsonNode page = send(admin, "POST", "/admin/events/browse", Map.of("filters",
                Map.of("aggregate_id", run.executionId()))).getBody();
        assertThat(ids(page.get("events"))).doesNotContain(victim).hasSize(run.eventIds().size() - 1);
        assertThat(send(admin, "GET", "/admin/events/" + victim, null).getStatusCode().value()).isEqualTo(404);
        String json = admin.get().uri("/admin/events/export/json?aggregate_id={id}", run.executionId())
                .retrieve().bodyToMono(String.class).block(RUN);
        assertThat(ids(parse(json))).doesNotContain(victim);
        assertThat(send(admin, "DELETE", "/admin/events/" + victim, null).getStatusCode().value()).isEqualTo(409);
        assertThat(send(admin, "DELETE", "/admin/events/" + UUID.randomUUID(), null).getStatusCode().value())
                .isEqualTo(404);

        JsonNode tombstones = send(admin, "POST", "/admin/events/browse", Map.of("filters",
                Map.of("event_types", List.of("event_deleted"), "search_text", victim))).getBody();
        assertThat(tombstones.get("total").asInt()).isEqualTo(1);
        JsonNode tombstone = tombstones.get("events").get(0);
        assertThat(tombstone.get("deleted_event_id").asText()).isEqualTo(victim);
        assertThat(tombstone.get("reason").asText()).isEqualTo("test");
        assertThat(eventStore.readEvents(DeleteStoredEvent.tombstoneIdOf(victim))
                .asStream().map(event -> (StoredEventDeleted) event.getPayload()).toList())
                .singleElement().satisfies(event -> {
                    assertThat(event.deletedEventId()).isEqualTo(victim);
                    assertThat(event.deletedBy()).isEqualTo(tombstone.get("deleted_by").asText()).isNotBlank();
                });
        assertThat(send(admin, "DELETE", "/admin/events/" + tombstone.get("event_id").asText(), null)
                .getStatusCode().value()).isEqualTo(409);

        JsonNode replay = startedReplay(admin, run.executionId());
        JsonNode ended = awaitEnded(admin, replay.get("session_id").asText());
        assertThat(ended.get("skipped_events").asInt()).isEqualTo(1);
        assertThat(ended.get("replayed_events").asInt()).isEqualTo(run.eventIds().size() - 1);
    }

    @Test
    void aSessionReplaysItsEventsToKafkaMarkedWithTheReplayAndTheOriginalEvent() {
        Run run = finishedRun();
        WebClient admin = admin();
        JsonNode created = send(admin, "POST", "/replay/sessions", Map.of("replay_type", "execution",
                "filter", Map.of("execution_id", run.executionId()), "speed_multiplier", 100, "batch_size", 3)).getBody();
        String sessionId = created.get("session_id").asText();
        assertThat(created.get("status").asText()).isEqualTo("created");

        assertThat(send(admin, "POST", "/replay/sessions/" + sessionId + "/start", null).getBody()
                .get("status").asText()).isEqualTo("running");
        JsonNode ended = awaitEnded(admin, sessionId);

        assertThat(ended.get("status").asText()).isEqualTo("completed");
        assertThat(ended.get("total_events").asInt()).isEqualTo(run.eventIds().size());
        assertThat(ended.get("replayed_events").asInt()).isEqualTo(run.eventIds().size());
        assertThat(ended.get("config").get("batch_size").asInt()).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> replayed = replayedRecords(sessionId, run.eventIds().size());
        assertThat(replayed).allSatisfy(record -> assertThat(record.key()).isEqualTo(run.executionId()));
        assertThat(replayed.stream().map(record -> header(record, "axon-metadata-originalEventId")).toList())
                .containsExactlyElementsOf(run.eventIds());
        assertThat(send(admin, "GET", "/replay/sessions?status=completed", null).getBody().findValuesAsText("session_id"))
                .contains(sessionId);
    }

    @Test
    void theAdminReplayStartsASessionWhoseStatusStreamsUntilItEnds() {
        Run run = finishedRun();
        WebClient admin = admin();

        JsonNode replay = startedReplay(admin, run.executionId());
        List<JsonNode> progress = admin.get().uri("/admin/events/replay/{id}/status", replay.get("session_id").asText())
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {
                }).map(ServerSentEvent::data).collectList().block(RUN);

        JsonNode last = progress.get(progress.size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("completed");
        assertThat(last.get("progress_percentage").asDouble()).isEqualTo(100.0);
        assertThat(last.get("replay_id").asText()).isEqualTo(replay.get("session_id").asText());
        assertThat(replayedRecords(replay.get("session_id").asText(), run.eventIds().size())).hasSize(run.eventIds().size());
        assertThat(send(admin, "GET", "/admin/events/replay/" + UUID.randomUUID() + "/status", null)
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void sessionsMoveOnlyAlongTheirStateMachine() {
        finishedRun();
        WebClient admin = admin();
        // seed users' registrations, then an execution's request seconds later: paced at 0.1, a long wait
        String id = send(admin, "POST", "/replay/sessions", Map.of("replay_type", "event_type", "filter",
                Map.of("event_types", List.of("user_registered", "execution_requested")), "speed_multiplier", 0.1))
                .getBody().get("session_id").asText();
        String session = "/replay/sessions/" + id;

        assertThat(transition(admin, session, "pause")).isEqualTo("400 created");
        assertThat(transition(admin, session, "resume")).isEqualTo("400 created");
        assertThat(transition(admin, session, "start")).isEqualTo("200 running");
        assertThat(transition(admin, session, "start")).isEqualTo("400 running");
        assertThat(transition(admin, session, "pause")).isEqualTo("200 paused");
        assertThat(transition(admin, session, "pause")).isEqualTo("400 paused");
        assertThat(transition(admin, session, "resume")).isEqualTo("200 running");
        assertThat(transition(admin, session, "cancel")).isEqualTo("200 cancelled");
        assertThat(transition(admin, session, "resume")).isEqualTo("400 cancelled");
        assertThat(transition(admin, session, "cancel")).isEqualTo("400 cancelled");
        assertThat(send(admin, "GET", session, null).getBody().get("completed_at").isNull()).isFalse();
        assertThat(send(admin, "POST", "/replay/sessions/" + UUID.randomUUID() + "/start", null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(send(admin, "POST", "/replay/sessions", Map.of("replay_type", "query", "target", "file"))
                .getStatusCode().value()).isEqualTo(422);

        assertThat(send(admin, "POST", "/replay/cleanup?older_than_hours=1", null).getBody()
                .get("removed_sessions").asInt()).isZero();
        assertThat(send(admin, "POST", "/replay/cleanup?older_than_hours=" + Integer.MAX_VALUE, null).getBody()
                .get("removed_sessions").asInt()).isZero();
        jdbc.update("update replay_sessions set completed_at = now() - interval '2 hours' where session_id = ?", id);
        assertThat(send(admin, "POST", "/replay/cleanup?older_than_hours=1", null).getBody()
                .get("removed_sessions").asInt()).isEqualTo(1);
        assertThat(send(admin, "GET", session, null).getStatusCode().value()).isEqualTo(404);
    }

    /** "<status code> <session status>" after the transition. */
    private String transition(WebClient admin, String session, String action) {
        int code = send(admin, "POST", session + "/" + action, null).getStatusCode().value();
        return code + " " + send(admin, "GET", session, null).getBody().get("status").asText();
    }

    private JsonNode startedReplay(WebClient admin, String executionId) {
        Map<String, Object> body = new HashMap<>(Map.of("aggregate_id", executionId, "dry_run", false));
        JsonNode replay = send(admin, "POST", "/admin/events/replay", body).getBody();
        assertThat(replay.get("dry_run").asBoolean()).isFalse();
        assertThat(replay.get("status").asText()).isEqualTo("running");
        return replay;
    }

    private JsonNode awaitEnded(WebClient admin, String sessionId) {
        await().atMost(RUN).until(() -> Set.of("completed", "failed", "cancelled").contains(
                send(admin, "GET", "/replay/sessions/" + sessionId, null).getBody().get("status").asText()));
        return send(admin, "GET", "/replay/sessions/" + sessionId, null).getBody();
    }

    /** The records on the integration topic that carry this replay's id, in topic order per key. */
    private List<ConsumerRecord<String, byte[]>> replayedRecords(String replayId, int expected) {
        Properties config = new Properties();
        config.putAll(axonKafka.getProperties()); // the embedded broker's SASL credentials
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(RUN).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (replayId.equals(header(record, "axon-metadata-replayId"))) {
                        found.add(record);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode events) {
        return StreamSupport.stream(events.spliterator(), false).map(event -> event.get("event_id").asText())
                .collect(Collectors.toList());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
