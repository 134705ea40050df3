package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ConnectionString;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.integr8s.api.notification.Notification;
import io.integr8s.projections.execution.ExecutionReadModel;
import io.integr8s.projections.saga.SagaProjection;
import io.integr8s.projections.saga.SagaView;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, point 5. The all-in-one process group (the JVM with its embedded PostgreSQL, Kafka, Redis and Mongo-wire
 * store) is killed with SIGKILL at random moments while a stream of executions is submitted (quick runs, sleeps,
 * non-zero exits, exceptions, cancellations; some with an {@code Idempotency-Key}, retried after each restart), and
 * started again on the same home. After the final start every execution the API acknowledged must exist, end within
 * its deadline plus a grace, have run in at most one sandbox, and the executions, sagas and notifications read models
 * must equal what the event store implies: executions against a blue/green rebuild (ADR 0010), sagas against a reset
 * of their processor (it has no blue/green path), notifications against the ended executions' events (they hold
 * users' reads and deletions no event holds, so they cannot be rebuilt, ADR 0009: one in-app notification, the
 * demo user's default channel, per ended execution).
 * <p>
 * Replay a run with {@code -Dchaos.seed=<seed>} (printed first); {@code -Dchaos.kills} and {@code -Dchaos.executions}
 * make it longer (bench/chaos). Every violation is collected and reported at the end with the id, the invariant, and
 * what was expected and seen.
 */
class ChaosTest {

    private static final Path HOME = TestHome.fresh("chaos");
    private static final long SEED = Long.getLong("chaos.seed", new Random().nextLong());
    private static final int KILLS = Integer.getInteger("chaos.kills", 5);
    private static final int EXECUTIONS = Integer.getInteger("chaos.executions", 100);
    private static final int TIMEOUT_SECONDS = 8;
    /** Queueing behind the other runs on a 2-core machine, and the final start, on top of an execution's timeout. */
    private static final Duration GRACE = Duration.ofSeconds(Long.getLong("chaos.grace-seconds", 150));
    private static final List<String> PROPERTIES = List.of(
            "integr8s.execution.timeout-seconds=" + TIMEOUT_SECONDS,
            // most runs sleep or fail at once: four sandboxes at a time drain the queue on a 2-core machine
            "integr8s.coordinator.max-concurrent=4",
            "integr8s.executor.local.shutdown.grace=1s");
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "timeout", "cancelled", "error");
    private static final Set<String> TERMINAL_EVENTS = Set.of("execution_completed", "execution_failed",
            "execution_timeout", "execution_cancelled");

    /** What a submission runs; {@link #CANCELLED} is cancelled right after it is acknowledged. */
    enum Kind {
        QUICK("print('quick %d')"),
        SLEEP("import time\ntime.sleep(%d %% 3 + 1)\nprint('slept')"),
        LONG_SLEEP("import time\nprint('long %d', flush=True)\ntime.sleep(5)\nprint('done')"),
        EXIT_CODE("import sys\nprint('exiting %d')\nsys.exit(3)"),
        EXCEPTION("raise ValueError('boom %d')"),
        CANCELLED("import time\nprint('to cancel %d', flush=True)\ntime.sleep(30)");

        private final String script;

        Kind(String script) {
            this.script = script;
        }

        String script(int index) {
            return script.formatted(index);
        }
    }

    private static final Kind[] MIX = {Kind.QUICK, Kind.QUICK, Kind.QUICK, Kind.SLEEP, Kind.SLEEP, Kind.LONG_SLEEP,
            Kind.EXIT_CODE, Kind.EXCEPTION, Kind.CANCELLED};

    /** One kill: when, and the acknowledged executions not yet ended at that moment, by status. */
    record Kill(int number, long atMillis, int acknowledgedSoFar, Map<String, Integer> interrupted) {
    }

    private final ChaosApi api = new ChaosApi();
    private final Map<String, Kind> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
    /** Idempotency key → script and the id its first acknowledged submission returned (absent: never acknowledged). */
    private final Map<String, String> keyScripts = new ConcurrentHashMap<>();
    private final Map<String, String> keyIds = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<String> retried = ConcurrentHashMap.newKeySet();
    private final Set<String> seenEnded = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Kill> kills = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private int attempts;

    @Test
    void killedAtRandomMomentsNothingAcknowledgedIsLostNothingRunsTwiceAndNoReadModelFallsBehind() throws Exception {
        System.out.printf("ChaosTest seed %d (replay with -Dchaos.seed=%d), %d kills, %d executions, home %s%n",
                SEED, SEED, KILLS, EXECUTIONS, HOME);
        long begin = System.currentTimeMillis();
        Random chaos = new Random(SEED);
        AllInOneProcess instance = start(0);
        Thread submitter = new Thread(() -> submitLoop(new Random(SEED ^ 0x5eed)), "chaos-submitter");
        submitter.start();
        try {
            for (int k = 1; k <= KILLS; k++) {
                Thread.sleep(2_000 + chaos.nextInt(6_000));
                Map<String, Integer> interrupted = unfinishedByStatus();
                instance.kill();
                Kill kill = new Kill(k, System.currentTimeMillis() - begin, acknowledged.size(), interrupted);
                kills.add(kill);
                System.out.printf("kill %d at %d ms: %d acknowledged so far, interrupted %s%n", k, kill.atMillis(),
                        kill.acknowledgedSoFar(), interrupted);
                Thread.sleep(chaos.nextInt(1_000));
                instance = start(k);
                retryIdempotencyKeys("after kill " + k, false);
            }
            while (acknowledged.size() < EXECUTIONS && submitter.isAlive()) {
                Thread.sleep(200);
            }
        } finally {
            stop.set(true);
            submitter.join(30_000);
        }
        try {
            retryIdempotencyKeys("after the last submission", true);
            Map<String, String> finalStatus = awaitEveryExecutionEnded();
            checkAtMostOneSandbox();
            checkReadModels(instance, finalStatus);
            printSummary(begin, finalStatus);
        } finally {
            instance.kill();
        }
        assertThat(acknowledged).as("acknowledged executions").hasSizeGreaterThanOrEqualTo(EXECUTIONS);
        assertThat(kills).hasSize(KILLS);
        assertThat(violations).as("violations (seed %d; logs beside %s)", SEED, HOME).isEmpty();
    }

    private AllInOneProcess start(int number) throws Exception {
        AllInOneProcess instance = AllInOneProcess.start(HOME, "start-" + number, PROPERTIES);
        api.connect(instance.port(), "user", "user123");
        return instance;
    }

    private void submitLoop(Random random) {
        while (!stop.get() && acknowledged.size() < EXECUTIONS) {
            int index = attempts++;
            Kind kind = MIX[random.nextInt(MIX.length)];
            String script = kind.script(index);
            String key = index % 5 == 0 ? "chaos-" + SEED + "-" + index : null;
            if (key != null) {
                keyScripts.put(key, script);
            }
            Optional<String> id = api.submit(script, key);
            id.ifPresent(executionId -> {
                acknowledge(executionId, kind);
                if (key != null) {
                    keyIds.putIfAbsent(key, executionId);
                }
                if (kind == Kind.CANCELLED && api.cancel(executionId).filter(ChaosApi.Reply::ok).isPresent()) {
                    cancelled.add(executionId);
                }
            });
            // about 100 acknowledged over the kill phase; while the server is down, a client backs off
            sleep(id.isPresent() ? 100 + random.nextInt(400) : 1_000);
        }
    }

    private void acknowledge(String executionId, Kind kind) {
        acknowledged.putIfAbsent(executionId, kind);
        acknowledgedAt.putIfAbsent(executionId, System.currentTimeMillis());
    }

    /**
     * Retries keys as a client whose request was in doubt would: each key once after the first restart following its
     * submission, and every key once more at the end. Each must be answered with the id first acknowledged for it,
     * and that execution must exist; any id answered is acknowledged too (it must end like the others).
     */
    private void retryIdempotencyKeys(String when, boolean all) {
        for (Map.Entry<String, String> entry : new TreeMap<>(keyScripts).entrySet()) {
            String key = entry.getKey();
            if (!all && !retried.add(key)) {
                continue;
            }
            Optional<String> id = api.submit(entry.getValue(), key);
            if (id.isEmpty()) {
                violations.add("idempotency key " + key + " retried " + when + ": not acknowledged");
                continue;
            }
            String first = keyIds.putIfAbsent(key, id.get());
            acknowledge(id.get(), kindOf(entry.getValue()));
            if (first != null && !first.equals(id.get())) {
                violations.add("idempotency key " + key + " retried " + when + ": expected execution " + first
                        + " (acknowledged first" + (exists(first) ? ", still exists" : ", gone") + "), got a new one, "
                        + id.get() + ": the key's claim did not survive the kill");
            }
            int status = api.result(id.get()).map(ChaosApi.Reply::status).orElse(-1);
            if (status != 200) {
                violations.add("idempotency key " + key + " retried " + when + ": answered execution " + id.get()
                        + ", which does not exist (GET result: " + status + ")");
            }
        }
    }

    private boolean exists(String executionId) {
        return api.result(executionId).map(ChaosApi.Reply::status).orElse(-1) == 200;
    }

    private static Kind kindOf(String script) {
        for (Kind kind : Kind.values()) {
            if (script.startsWith(kind.script.substring(0, Math.min(12, kind.script.length())))) {
                return kind;
            }
        }
        return Kind.QUICK;
    }

    /** Status of every acknowledged execution not seen ended yet, counted by status, from the API just before a kill. */
    private Map<String, Integer> unfinishedByStatus() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String id : acknowledged.keySet()) {
            if (seenEnded.contains(id)) {
                continue;
            }
            String status = api.result(id).map(reply -> reply.ok() ? reply.body().get("status").asText()
                    : "HTTP " + reply.status()).orElse("unanswered");
            if (TERMINAL.contains(status)) {
                seenEnded.add(id);
            } else {
                counts.merge(status, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Waits for every acknowledged execution to end; each may take its timeout plus {@link #GRACE} from its submission. */
    private Map<String, String> awaitEveryExecutionEnded() {
        Map<String, String> status = new TreeMap<>();
        long lastSubmission = acknowledgedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long deadline = lastSubmission + Duration.ofSeconds(TIMEOUT_SECONDS).plus(GRACE).toMillis();
        while (true) {
            boolean allEnded = true;
            for (String id : acknowledged.keySet()) {
                if (TERMINAL.contains(status.getOrDefault(id, ""))) {
                    continue;
                }
                Optional<ChaosApi.Reply> reply = api.result(id);
                String seen = reply.map(r -> r.ok() ? r.body().get("status").asText() : "HTTP " + r.status())
                        .orElse("unanswered");
                status.put(id, seen);
                allEnded &= TERMINAL.contains(seen);
            }
            if (allEnded) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                status.forEach((id, seen) -> {
                    if (!TERMINAL.contains(seen)) {
                        violations.add("execution " + id + " (" + acknowledged.get(id) + "): expected a terminal status"
                                + " in GET /executions/{id}/result within its timeout " + TIMEOUT_SECONDS + " s + grace "
                                + GRACE.toSeconds() + " s, still " + seen + "; its events: " + eventTypes(id));
                    }
                });
                break;
            }
            sleep(500);
        }
        status.forEach((id, seen) -> {
            if (acknowledged.get(id) == Kind.CANCELLED && cancelled.contains(id)
                    && !Set.of("cancelled", "completed", "failed", "timeout").contains(seen)) {
                violations.add("execution " + id + ": its cancellation was acknowledged, yet it ends " + seen);
            }
        });
        return status;
    }

    /** The event store is the witness: one PodCreated (a sandbox) and one ExecutionStarted at most per execution. */
    private void checkAtMostOneSandbox() {
        for (String id : new TreeSet<>(acknowledged.keySet())) {
            List<String> types = eventTypes(id);
            long sandboxes = types.stream().filter("pod_created"::equals).count();
            long starts = types.stream().filter("execution_started"::equals).count();
            long ends = types.stream().filter(TERMINAL_EVENTS::contains).count();
            if (sandboxes > 1 || starts > 1 || ends > 1) {
                violations.add("execution " + id + ": expected at most one sandbox, one start and one end, saw "
                        + sandboxes + " pod_created, " + starts + " execution_started, " + ends + " ends: " + types);
            }
        }
    }

    private List<String> eventTypes(String id) {
        return api.events(id).filter(ChaosApi.Reply::ok).map(reply -> {
            List<String> types = new ArrayList<>();
            reply.body().forEach(event -> types.add(event.get("event_type").asText()));
            return types;
        }).orElse(List.of("<events unavailable>"));
    }

    private void checkReadModels(AllInOneProcess instance, Map<String, String> finalStatus) throws Exception {
        Properties stores = instance.runtimeProperties();
        try (MongoClient client = MongoClients.create(stores.getProperty("spring.data.mongodb.uri"));
             Connection jdbc = DriverManager.getConnection(stores.getProperty("spring.datasource.url"),
                     stores.getProperty("spring.datasource.username"), stores.getProperty("spring.datasource.password"))) {
            MongoDatabase mongo = client.getDatabase(Objects.requireNonNull(
                    new ConnectionString(stores.getProperty("spring.data.mongodb.uri")).getDatabase()));
            String executions = ExecutionReadModel.collection(activeGeneration(jdbc));
            Map<String, Document> liveExecutions = stable(mongo, executions);
            Map<String, Document> liveSagas = stable(mongo, SagaView.COLLECTION);

            int generation = rebuild(jdbc, "rebuild", ExecutionReadModel.NAME);
            compare("executions", liveExecutions, "rebuilt generation " + generation,
                    documents(mongo, ExecutionReadModel.collection(generation)));

            rebuild(jdbc, "reset", SagaProjection.PROCESSING_GROUP);
            Map<String, Document> replayed = awaitEqual(mongo, SagaView.COLLECTION, liveSagas, Duration.ofSeconds(60));
            compare("sagas", liveSagas, "replayed after a reset", replayed);

            checkNotifications(documents(mongo, Notification.COLLECTION), finalStatus);
        }
    }

    /** One in-app notification per acknowledged execution whose events say it ended, none for any other. */
    private void checkNotifications(Map<String, Document> notifications, Map<String, String> finalStatus) {
        Map<String, List<Document>> byExecution = notifications.values().stream()
                .collect(Collectors.groupingBy(document -> String.valueOf(document.get("executionId"))));
        for (String id : new TreeSet<>(acknowledged.keySet())) {
            boolean ended = eventTypes(id).stream().anyMatch(TERMINAL_EVENTS::contains);
            List<Document> found = byExecution.getOrDefault(id, List.of());
            List<String> channels = found.stream().map(document -> String.valueOf(document.get("channel"))).toList();
            if (ended && found.size() != 1) {
                violations.add("notifications of execution " + id + " (ended " + finalStatus.get(id)
                        + "): expected one in-app notification, saw " + channels);
            } else if (!ended && !found.isEmpty()) {
                violations.add("notifications of execution " + id + ": its events show no end, yet it has " + channels);
            }
        }
    }

    private static int activeGeneration(Connection jdbc) throws SQLException {
        try (PreparedStatement query = jdbc.prepareStatement(
                "SELECT generation FROM projection_generations WHERE projection = ?")) {
            query.setString(1, ExecutionReadModel.NAME);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /**
     * Asks the running instance for a rebuild or reset as the replay-tool does (a row in {@code projection_rebuilds}),
     * and waits until it completes; returns the generation built.
     */
    private int rebuild(Connection jdbc, String kind, String target) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = jdbc.prepareStatement(
                "INSERT INTO projection_rebuilds (id, kind, target, status) VALUES (?, ?, ?, 'requested')")) {
            insert.setObject(1, id);
            insert.setString(2, kind);
            insert.setString(3, target);
            insert.executeUpdate();
        }
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(3).toMillis();
        while (true) {
            try (PreparedStatement query = jdbc.prepareStatement(
                    "SELECT status, generation, error FROM projection_rebuilds WHERE id = ?")) {
                query.setObject(1, id);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    String status = row.getString(1);
                    if (status.equals("completed")) {
                        return row.getInt(2);
                    }
                    if (Set.of("failed", "cancelled").contains(status) || System.currentTimeMillis() > deadline) {
                        throw new AssertionError(kind + " of " + target + " ended " + status + ": " + row.getString(3));
                    }
                }
            }
            sleep(300);
        }
    }

    /** The collection once two reads a few seconds apart agree (nothing ended late is still being projected). */
    private static Map<String, Document> stable(MongoDatabase mongo, String collection) {
        Map<String, Document> previous = documents(mongo, collection);
        for (int i = 0; i < 20; i++) {
            sleep(3_000);
            Map<String, Document> now = documents(mongo, collection);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError(collection + " kept changing for a minute after every execution ended");
    }

    private static Map<String, Document> awaitEqual(MongoDatabase mongo, String collection, Map<String, Document> expected,
                                                    Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        Map<String, Document> now = documents(mongo, collection);
        while (!now.equals(expected) && System.currentTimeMillis() < deadline) {
            sleep(500);
            now = documents(mongo, collection);
        }
        return now;
    }

    private static Map<String, Document> documents(MongoDatabase mongo, String collection) {
        List<Document> all = Flux.from(mongo.getCollection(collection).find()).collectList().block(Duration.ofSeconds(30));
        return all.stream().collect(Collectors.toMap(document -> String.valueOf(document.get("_id")),
                Function.identity(), (first, second) -> first, TreeMap::new));
    }

    /** Document for document; every difference becomes a violation naming the document and the field. */
    private void compare(String model, Map<String, Document> live, String rebuiltName, Map<String, Document> rebuilt) {
        Set<String> ids = new TreeSet<>(live.keySet());
        ids.addAll(rebuilt.keySet());
        for (String id : ids) {
            Document seen = live.get(id);
            Document expected = rebuilt.get(id);
            if (seen == null) {
                violations.add(model + " read model: document " + id + " is missing; the " + rebuiltName + " has "
                        + expected.toJson());
            } else if (expected == null) {
                violations.add(model + " read model: document " + id + " is not in the " + rebuiltName + ": " + seen.toJson());
            } else if (!seen.equals(expected)) {
                Set<String> fields = new TreeSet<>(seen.keySet());
                fields.addAll(expected.keySet());
                Map<String, String> differences = new LinkedHashMap<>();
                for (String field : fields) {
                    if (!Objects.equals(seen.get(field), expected.get(field))) {
                        differences.put(field, "live " + seen.get(field) + ", " + rebuiltName + " " + expected.get(field));
                    }
                }
                violations.add(model + " read model: document " + id + " differs from the " + rebuiltName + ": "
                        + differences);
            }
        }
    }

    private void printSummary(long begin, Map<String, String> finalStatus) {
        Map<Kind, Long> kinds = acknowledged.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        Map<String, Long> statuses = finalStatus.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        StringBuilder summary = new StringBuilder(String.format("%nChaosTest summary (seed %d, %d s)%n", SEED,
                (System.currentTimeMillis() - begin) / 1000));
        summary.append(String.format("  submissions %d, acknowledged %d %s, cancel acknowledged %d, idempotency keys %d%n",
                attempts, acknowledged.size(), kinds, cancelled.size(), keyScripts.size()));
        kills.forEach(kill -> summary.append(String.format("  kill %d at %6d ms after %3d acknowledged: interrupted %s%n",
                kill.number(), kill.atMillis(), kill.acknowledgedSoFar(), kill.interrupted())));
        summary.append("  final statuses ").append(statuses).append('\n');
        summary.append("  violations ").append(violations.size()).append('\n');
        violations.forEach(violation -> summary.append("    ").append(violation).append('\n'));
        System.out.print(summary);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
