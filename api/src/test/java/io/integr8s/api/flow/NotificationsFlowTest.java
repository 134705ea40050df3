package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.integr8s.api.Integr8sApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterAll;
import org.redisson.api.RedissonClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications end to end: created from an ended execution per the user's preferences and subscriptions, read and
 * changed over HTTP, posted signed to a webhook receiver on this host (allowed by configuration), dead-lettered when
 * the receiver is down, pushed over SSE from another instance, and never re-sent by a replay. One user's unresponsive
 * receiver delays no one else's notification; receivers at internal addresses are refused when saved. Every receiver
 * listens on loopback.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.notifications.outbound.allowed-addresses=127.0.0.1",
                "integr8s.notifications.outbound.allow-http-loopback=true",
                "integr8s.notifications.webhook.signing-secret=" + NotificationsFlowTest.SECRET,
                "integr8s.notifications.webhook.timeout=" + NotificationsFlowTest.RECEIVER_TIMEOUT_SECONDS + "s",
                "integr8s.notifications.webhook.backoff=50ms",
                "integr8s.notifications.burst.limit=" + NotificationsFlowTest.BURST_LIMIT,
                "integr8s.notifications.burst.max-digest-delay=1s",
                "integr8s.notifications.burst.check-interval=200ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsFlowTest {

    static final String SECRET = "notifications-flow-test-secret";
    static final int BURST_LIMIT = 2;
    static final int RECEIVER_TIMEOUT_SECONDS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> SSE = new ParameterizedTypeReference<>() {
    };

    static {
        TestHome.fresh("notifications-flow");
    }

    record Received(String signature, String body) {
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private SecondInstance second;

    @BeforeAll
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Integr8s-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        second = SecondInstance.sharingStoresWith(environment, "integr8s.roles=api");
    }

    @AfterAll
    void stop() {
        second.close();
        receiver.stop(0);
    }

    private record User(String id, ApiClient api) {
    }

    private User freshUser(String... channels) {
        String name = "notified" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.anonymous(port).http().post().uri("/auth/register")
                .bodyValue(Map.of("username", name, "email", name + "@example.org", "password", "secret-123"))
                .retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
        ApiClient api = ApiClient.as(port, name, "secret-123");
        String id = HttpCalls.get(api.http(), "/auth/me").getBody().get("user_id").asText();
        if (channels.length > 0) {
            setPreferences(api, true, List.of(channels));
        }
        return new User(id, api);
    }

    /** Through the user's own settings, as the web UI does. */
    private static void setPreferences(ApiClient api, boolean executionCompleted, List<String> channels) {
        assertThat(HttpCalls.send(api.http(), HttpMethod.PUT, "/user/settings/notifications", Map.of(
                "execution_completed", executionCompleted, "execution_failed", true, "system_updates", true,
                "security_alerts", true, "channels", channels)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static void subscribeWebhook(User user, String url) {
        assertThat(HttpCalls.send(user.api().http(), HttpMethod.PUT, "/notifications/subscriptions/webhook",
                Map.of("enabled", true, "webhook_url", url)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static String runToEnd(User user) {
        String id = user.api().submit("print('hi')");
        user.api().awaitStatus(id, RUN, "completed");
        return id;
    }

    private static JsonNode list(User user, String query) {
        return HttpCalls.get(user.api().http(), "/notifications" + query).getBody();
    }

    private List<Received> receivedAbout(String executionId) {
        return received.stream().filter(r -> r.body().contains(executionId)).toList();
    }

    private long deadLetters() {
        return jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE processinggroup = 'notifications'",
                Long.class);
    }

    @Test
    void aCompletedExecutionBecomesAnInAppNotificationItsOwnerReadsAndDeletes() {
        User user = freshUser();
        String executionId = runToEnd(user);

        await().atMost(RUN).until(() -> list(user, "").get("total").asLong() == 1);
        JsonNode page = list(user, "");
        JsonNode notification = page.get("notifications").get(0);
        assertThat(page.get("unread_count").asLong()).isEqualTo(1);
        assertThat(notification.get("channel").asText()).isEqualTo("in_app");
        assertThat(notification.get("severity").asText()).isEqualTo("low");
        assertThat(notification.get("action_url").asText()).isEqualTo("/executions/" + executionId);
        assertThat(notification.get("subject").asText()).isEqualTo("Execution completed");
        assertThat(notification.get("tags")).extracting(JsonNode::asText)
                .containsExactly("execution", "execution:" + executionId, "lang:python", "completed");
        assertThat(list(user, "?tag_prefix=lang:py").get("total").asLong()).isEqualTo(1);
        assertThat(list(user, "?exclude_tags=completed").get("total").asLong()).isZero();
        String id = notification.get("notification_id").asText();

        ApiClient stranger = freshUser().api();
        assertThat(HttpCalls.send(stranger.http(), HttpMethod.PUT, "/notifications/" + id + "/read", null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(HttpCalls.send(user.api().http(), HttpMethod.PUT, "/notifications/" + id + "/read", null)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(HttpCalls.get(user.api().http(), "/notifications/unread-count").getBody().get("unread_count")
                .asLong()).isZero();
        assertThat(list(user, "?status=read").get("notifications").get(0).get("read_at").isNull()).isFalse();

        runToEnd(user);
        await().atMost(RUN).until(() -> list(user, "").get("unread_count").asLong() == 1);
        assertThat(HttpCalls.send(user.api().http(), HttpMethod.POST, "/notifications/mark-all-read", null)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(list(user, "").get("unread_count").asLong()).isZero();

        assertThat(HttpCalls.send(stranger.http(), HttpMethod.DELETE, "/notifications/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(HttpCalls.send(user.api().http(), HttpMethod.DELETE, "/notifications/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(list(user, "").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void preferencesOffMeansNoNotification() {
        User user = freshUser();
        setPreferences(user.api(), false, List.of("in_app"));
        runToEnd(user);
        User control = freshUser();
        runToEnd(control);

        await().atMost(RUN).until(() -> list(control, "").get("total").asLong() == 1);
        assertThat(list(user, "").get("total").asLong()).as("handled in order, before the control's").isZero();
    }

    @Test
    void aWebhookReceiverGetsASignedPostOnce() {
        User user = freshUser("in_app", "webhook");
        subscribeWebhook(user, hookUrl());
        String executionId = runToEnd(user);

        await().atMost(RUN).until(() -> receivedAbout(executionId).size() == 1);
        assertSigned(receivedAbout(executionId).get(0));
        await().atMost(RUN).until(() -> list(user, "?status=delivered").get("total").asLong() == 2);
    }

    @Test
    void aBurstGoesOutAsSingleNotificationsUpToTheLimitThenAsADigestAndNothingIsDropped() {
        User user = freshUser("webhook");
        subscribeWebhook(user, hookUrl());
        List<String> executionIds = IntStream.range(0, BURST_LIMIT + 3).mapToObj(i -> user.api().submit("print(1)"))
                .toList();
        executionIds.forEach(id -> user.api().awaitStatus(id, RUN, "completed"));

        await().atMost(RUN).until(() -> list(user, "?status=delivered").get("total").asLong() == executionIds.size());
        List<Received> posts = received.stream().filter(post -> executionIds.stream().anyMatch(post.body()::contains))
                .toList();
        assertThat(executionIds).allSatisfy(id -> assertThat(posts).as("posts about %s", id)
                .filteredOn(post -> post.body().contains(id)).hasSize(1));
        assertThat(posts).filteredOn(post -> !post.body().contains("digest_id")).hasSize(BURST_LIMIT);
        List<JsonNode> digests = posts.stream().filter(post -> post.body().contains("digest_id"))
                .map(post -> readJson(post.body())).toList();
        assertThat(digests).isNotEmpty();
        assertThat(digests.stream().mapToInt(digest -> digest.get("count").asInt()).sum()).isEqualTo(3);
        assertThat(digests).allSatisfy(digest ->
                assertThat(digest.get("notifications")).hasSize(digest.get("count").asInt()));
        posts.forEach(NotificationsFlowTest::assertSigned);
    }

    @Test
    void aReceiverThatIsDownGetsRetriesThenTheEventIsDeadLetteredAndNothingIsLost() throws Exception {
        User user = freshUser("webhook");
        long before = deadLetters();
        String downUrl;
        try (ServerSocket down = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            downUrl = "http://127.0.0.1:" + down.getLocalPort() + "/hook";
        }
        subscribeWebhook(user, downUrl);
        String executionId = runToEnd(user);

        await().atMost(RUN).until(() -> deadLetters() == before + 1);
        JsonNode failed = list(user, "?status=failed").get("notifications");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("action_url").asText()).isEqualTo("/executions/" + executionId);

        subscribeWebhook(user, hookUrl());
        assertThat(processing.sequencedDeadLetterProcessor("notifications").orElseThrow().processAny()).isTrue();
        assertThat(deadLetters()).isEqualTo(before);
        await().atMost(RUN).until(() -> list(user, "?status=delivered").get("total").asLong() == 1);
        assertThat(receivedAbout(executionId)).hasSize(1);
    }

    @Test
    void oneUsersUnresponsiveReceiverDoesNotDelayAnotherUsersInAppNotification() throws Exception {
        User slowReceiverOwner = freshUser("webhook");
        User other = freshUser();
        long before = deadLetters();
        String stuckExecution;
        try (SilentReceiver silent = new SilentReceiver()) {
            subscribeWebhook(slowReceiverOwner, silent.url());
            stuckExecution = runToEnd(slowReceiverOwner);
            await().atMost(RUN).until(() -> silent.connections() > 0);

            String otherExecution = other.api().submit("print('not kept waiting')");
            other.api().awaitStatus(otherExecution, RUN, "completed");
            long completed = System.nanoTime();
            await().atMost(RUN).pollInterval(Duration.ofMillis(50))
                    .until(() -> list(other, "").get("total").asLong() == 1);
            Duration waited = Duration.ofNanos(System.nanoTime() - completed);

            assertThat(waited).as("the in-app notification waited for another user's receiver")
                    .isLessThan(Duration.ofSeconds(RECEIVER_TIMEOUT_SECONDS - 1));
            assertThat(list(slowReceiverOwner, "?status=delivered").get("total").asLong()).isZero();
            // nothing lost: after its attempts the webhook notification fails and its event waits as a dead letter
            await().atMost(RUN).until(() -> deadLetters() == before + 1);
            assertThat(list(slowReceiverOwner, "?status=failed").get("total").asLong()).isEqualTo(1);
        }
        subscribeWebhook(slowReceiverOwner, hookUrl());
        assertThat(processing.sequencedDeadLetterProcessor("notifications").orElseThrow().processAny()).isTrue();
        await().atMost(RUN).until(() -> receivedAbout(stuckExecution).size() == 1);
        assertThat(deadLetters()).isEqualTo(before);
    }

    @Test
    void aReceiverAtAnInternalAddressIsRefusedWhenSavedNamingTheFieldAndNothingIsStored() {
        User user = freshUser();
        for (String url : List.of("https://169.254.169.254/latest/meta-data/", "http://169.254.169.254/")) {
            var response = HttpCalls.send(user.api().http(), HttpMethod.PUT, "/notifications/subscriptions/webhook",
                    Map.of("enabled", true, "webhook_url", url));
            assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            JsonNode violation = response.getBody().get("detail").get(0);
            assertThat(violation.get("loc")).extracting(JsonNode::asText).containsExactly("body", "webhook_url");
            assertThat(violation.get("input").asText()).isEqualTo(url);
        }
        assertThat(HttpCalls.send(user.api().http(), HttpMethod.PUT, "/notifications/subscriptions/webhook",
                Map.of("enabled", true, "webhook_url", "https://169.254.169.254/")).getBody().get("detail").get(0)
                .get("msg").asText()).contains("link-local");

        JsonNode stored = HttpCalls.get(user.api().http(), "/notifications/subscriptions").getBody().get("subscriptions");
        assertThat(stored).allSatisfy(subscription -> assertThat(subscription.get("webhook_url").isNull()).isTrue());
        assertThat(stored).filteredOn(subscription -> subscription.get("channel").asText().equals("webhook"))
                .singleElement().satisfies(webhook -> assertThat(webhook.get("enabled").asBoolean()).isFalse());
    }

    /** Accepts connections on loopback and never answers. */
    private static final class SilentReceiver implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentReceiver() throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!socket.isClosed()) {
                        accepted.add(socket.accept());
                    }
                } catch (IOException closed) {
                    // closed by the test
                }
            }, "silent-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : accepted) {
                connection.close();
            }
        }
    }

    @Test
    void theStreamOnAnotherInstanceDeliversANotificationCreatedHere() {
        User user = freshUser();
        ApiClient onSecond = ApiClient.bearer(second.port(), user.api().session().accessToken());
        var first = onSecond.http().get().uri("/events/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(SSE).filter(event -> "notification".equals(event.event())).next()
                .toFuture();
        await().atMost(RUN).until(() -> redisListenerOnSecond(user));
        String executionId = runToEnd(user);

        assertThat(first).succeedsWithin(RUN).satisfies(event -> {
            assertThat(event.data().get("action_url").asText()).isEqualTo("/executions/" + executionId);
            assertThat(event.id()).as("live only: no id to resume from (ADR 0015)").isNull();
        });
    }

    @Test
    void replayingTheNotificationsProcessorSendsNothingAgain() {
        User user = freshUser("webhook");
        subscribeWebhook(user, hookUrl());
        String executionId = runToEnd(user);
        await().atMost(RUN).until(() -> receivedAbout(executionId).size() == 1);

        TrackingEventProcessor processor = processing.eventProcessor("notifications", TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens(StreamableMessageSource::createTailToken);
        processor.start();
        User after = freshUser();
        runToEnd(after);
        await().atMost(RUN).until(() -> !processor.isReplaying() && list(after, "").get("total").asLong() == 1);

        assertThat(receivedAbout(executionId)).hasSize(1);
        assertThat(list(user, "").get("total").asLong()).isEqualTo(1);
    }

    private boolean redisListenerOnSecond(User user) {
        return second.bean(RedissonClient.class)
                .getTopic("notifications:" + user.id()).countSubscribers() > 0;
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void assertSigned(Received post) {
        String[] parts = post.signature().split(",");
        String t = parts[0].substring("t=".length());
        assertThat(parts[1]).isEqualTo("v1=" + hmac(t + "." + post.body()));
    }

    private static String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
