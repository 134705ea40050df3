package io.integr8s.api.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, point 6: text no view expects. Every input that reaches a view gets values holding NUL and other control
 * characters, a right-to-left override, an emoji (a surrogate pair), the JSON escape text {@code \u0000}, quotes and
 * markup, some at their length limit; the same values once more with a lone surrogate. Then every read view is read,
 * as the user and as an admin: never a 5xx, and every marked value a view shows is exactly one that was accepted
 * (a refused value never shows; an accepted one is never mangled).
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileTextTest {

    static {
        TestHome.fresh("hostile-text");
    }

    private static final String MARK = "hostile-";
    private static final String TEXT = ":\u0000|\u0001\u0008\u001b\u007f\u0085|\u202e|\uD83D\uDE00|\\u0000|\"'<b>&;,";
    private static final String LONE_SURROGATE = "\uD800";
    /** Non-ASCII as {@code \}{@code uXXXX}: the only way a lone surrogate travels in JSON (UTF-8 cannot carry it). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    private static final Duration RUN = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    /** Every marked string of a request the server accepted (2xx). */
    private final Set<String> accepted = new HashSet<>();
    /** Every request answered with a 5xx and every view not answering 200 (collected, then reported together). */
    private final List<String> broken = new ArrayList<>();
    /** Every marked string a read view showed. */
    private final Set<String> shown = new HashSet<>();

    private static String hostile(String field) {
        return MARK + field + TEXT;
    }

    private static String hostile(String field, int length) {
        return hostile(field) + "x".repeat(length - hostile(field).length());
    }

    @Test
    void everyAcceptedValueIsServedFaithfullyByEveryViewAndNothingAnswers5xx() {
        String username = "hostile" + UUID.randomUUID().toString().substring(0, 8);
        WebClient anonymous = ApiClient.anonymous(port).http();
        write(anonymous, HttpMethod.POST, "/auth/register", Map.of("username", hostile("username"),
                "email", "someone@example.org", "password", "password-123"));
        write(anonymous, HttpMethod.POST, "/auth/register", Map.of("username", username,
                "email", hostile("email") + "@example.org", "password", "password-123"));
        JsonNode registered = accept(anonymous, HttpMethod.POST, "/auth/register", Map.of("username", username,
                "email", username + "@example.org", "password", "password-123"));
        String userId = registered.get("user_id").asText();
        ApiClient user = ApiClient.as(port, username, "password-123");
        WebClient admin = ApiClient.as(port, "admin", "admin123").http();

        // a script at the length limit with a NUL (Python refuses it: the run fails, nothing else may)
        String script = "print('hi')\n# " + hostile("script");
        script += "x".repeat(50_000 - script.length());
        String failed = accept(user.http(), HttpMethod.POST, "/execute",
                Map.of("script", script, "lang", "python", "lang_version", "3.11")).get("execution_id").asText();
        String printed = accept(user.http(), HttpMethod.POST, "/execute", Map.of("script",
                "print('\\x00\\x01\\x1b[31m\\u202e\\U0001F600\\\\u0000' * 3)", "lang", "python", "lang_version", "3.11"))
                .get("execution_id").asText();
        String cancelled = accept(user.http(), HttpMethod.POST, "/execute", Map.of("script",
                "import time\ntime.sleep(30)", "lang", "python", "lang_version", "3.11")).get("execution_id").asText();
        write(user.http(), HttpMethod.POST, "/executions/" + cancelled + "/cancel", Map.of("reason", hostile("cancel")));
        user.awaitStatus(failed, RUN, "failed", "error", "completed");
        user.awaitStatus(printed, RUN, "completed");
        user.awaitStatus(cancelled, RUN, "cancelled");

        JsonNode saved = accept(user.http(), HttpMethod.POST, "/scripts", Map.of("name", hostile("name", 255),
                "script", hostile("saved-script"), "lang", "python", "lang_version", "3.11",
                "description", hostile("description", 1000)));
        String scriptId = saved.get("script_id").asText();
        write(user.http(), HttpMethod.PUT, "/scripts/" + scriptId, Map.of("name", hostile("renamed"),
                "script", hostile("rewritten"), "lang", "python", "lang_version", "3.11"));

        Instant beforeSettings = Instant.now();
        write(user.http(), HttpMethod.PUT, "/user/settings/custom/layout", Map.of(hostile("custom-key"),
                hostile("custom-value"), "list", List.of(hostile("custom-item")), "long", hostile("long", 10_000)));
        write(user.http(), HttpMethod.PUT, "/user/settings/", Map.of("timezone", hostile("timezone")));
        write(user.http(), HttpMethod.POST, "/user/settings/restore", Map.of("timestamp", beforeSettings.toString(),
                "reason", hostile("restore")));
        write(user.http(), HttpMethod.PUT, "/notifications/subscriptions/webhook", Map.of("enabled", false,
                "timezone", hostile("subscription-timezone")));
        write(user.http(), HttpMethod.PUT, "/notifications/subscriptions/in_app", Map.of("enabled", true,
                "include_tags", List.of(hostile("tag")), "exclude_tags", List.of(hostile("excluded", 10_000))));
        write(user.http(), HttpMethod.PUT, "/notifications/subscriptions/slack", Map.of("enabled", false,
                "slack_webhook", "https://hooks.slack.com/" + hostile("slack")));

        write(admin, HttpMethod.POST, "/admin/users/", Map.of("username", hostile("admin-made"),
                "email", "made@example.org", "password", "password-123", "role", "user"));
        write(admin, HttpMethod.PUT, "/admin/users/" + userId, Map.of("email", hostile("changed") + "@example.org"));
        write(admin, HttpMethod.PUT, "/admin/rate-limits/" + userId, Map.of("notes", hostile("notes"),
                "rules", List.of(Map.of("endpoint_pattern", "^/api/v1/" + hostile("pattern"), "group", "api",
                        "requests", 5, "window_seconds", 60))));
        write(admin, HttpMethod.POST, "/admin/events/replay", Map.of("aggregate_id", hostile("replay-aggregate")));
        write(admin, HttpMethod.POST, "/replay/sessions", Map.of("replay_type", "execution", "target", "kafka",
                "filter", Map.of("aggregate_id", hostile("session-aggregate"), "user_id", hostile("session-user")),
                "target_topics", Map.of(hostile("topic-key"), hostile("topic"))));
        write(admin, HttpMethod.POST, "/admin/events/browse", Map.of("filters", Map.of("search_text", hostile("search"))));
        String deletable = accept(admin, HttpMethod.POST, "/admin/events/browse",
                Map.of("filters", Map.of("aggregate_id", printed))).get("events").get(0).get("event_id").asText();
        String reason = hostile("tombstone").replace("\u0000", ""); // a query parameter: NUL is refused there
        HttpReply deleted = HttpReply.send(admin, HttpMethod.DELETE, URI.create("http://127.0.0.1:" + port
                + "/api/v1/admin/events/" + deletable + "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8)),
                null, null);
        assertThat(deleted.status()).as("DELETE with a reason: %s", deleted.body()).isEqualTo(200);
        accepted.add(reason);

        for (String execution : List.of(failed, printed, cancelled)) {
            read(user.http(), "/executions/" + execution + "/result");
            read(user.http(), "/executions/" + execution + "/events");
            read(user.http(), "/sagas/execution/" + execution);
            read(admin, "/sagas/execution/" + execution);
        }
        for (String path : List.of("/auth/me", "/user/executions", "/scripts", "/scripts/" + scriptId,
                "/user/settings/", "/user/settings/history", "/notifications", "/notifications/subscriptions",
                "/sagas/")) {
            read(user.http(), path);
        }
        for (String path : List.of("/admin/events/stats", "/admin/events/stats?hours=168",
                "/admin/events/export/json?user_id=" + userId, "/admin/events/export/json",
                "/admin/executions/", "/admin/executions/queue", "/admin/users/", "/admin/users/" + userId,
                "/admin/users/" + userId + "/overview", "/admin/audit/settings/" + userId,
                "/admin/audit/settings/" + userId + "/verify", "/admin/rate-limits/" + userId, "/replay/sessions",
                "/admin/dead-letters/", "/sagas/")) {
            read(admin, path);
        }
        for (String path : List.of("/admin/events/export/csv?user_id=" + userId, "/admin/events/export/csv",
                "/admin/audit/settings/" + userId + "?format=csv")) {
            HttpReply reply = check(admin, HttpMethod.GET, path, null);
            if (reply.status() != 200) {
                broken.add("a view: GET " + path + ": " + reply.status() + " " + reply.body());
            }
        }
        List<String> eventIds = new ArrayList<>();
        for (Map<String, Object> filters : List.of(Map.<String, Object>of(), Map.<String, Object>of("user_id", userId),
                Map.<String, Object>of("aggregate_id", failed))) {
            JsonNode page = read(admin, HttpMethod.POST, "/admin/events/browse", Map.of("filters", filters, "limit", 500));
            page.get("events").forEach(event -> eventIds.add(event.get("event_id").asText()));
        }
        eventIds.stream().distinct().forEach(id -> read(admin, "/admin/events/" + id));

        assertThat(broken.stream().map(HostileTextTest::printable).toList())
                .as("requests answered with a 5xx, views not answering 200").isEmpty();
        // a view may quote a value in a sentence ("Cancelled by …: <reason>"), but only whole
        List<String> mangled = shown.stream().filter(value -> accepted.stream().noneMatch(value::contains))
                .map(HostileTextTest::printable).toList();
        assertThat(mangled).as("marked values a view showed other than as accepted").isEmpty();
        assertThat(shown).as("accepted values a view must show (%s shown)", shown.size()).contains(script, hostile("renamed"),
                hostile("rewritten"), hostile("custom-value"), hostile("custom-item"), hostile("tag"), hostile("cancel"));
    }

    /** Sends the body with a lone surrogate added to each marked string (if any), then as it is: never a 5xx. */
    private HttpReply write(WebClient client, HttpMethod method, String path, Object body) {
        JsonNode plain = JSON.valueToTree(body);
        JsonNode withSurrogates = withLoneSurrogates(plain);
        if (!withSurrogates.equals(plain)) {
            check(client, method, path, withSurrogates);
        }
        return check(client, method, path, plain);
    }

    /** {@link #write}, where the plain body (no lone surrogate) must be accepted. */
    private JsonNode accept(WebClient client, HttpMethod method, String path, Object body) {
        HttpReply reply = write(client, method, path, body);
        assertThat(reply.status()).as("%s %s: %s", method, path, reply.body()).isBetween(200, 299);
        return reply.json();
    }

    private JsonNode read(WebClient client, String path) {
        return read(client, HttpMethod.GET, path, null);
    }

    private JsonNode read(WebClient client, HttpMethod method, String path, Object body) {
        HttpReply reply = check(client, method, path, body == null ? null : JSON.valueToTree(body));
        if (reply.status() != 200) {
            broken.add("a view: " + method + " " + path + ": " + reply.status() + " " + reply.body());
            return JSON.createObjectNode();
        }
        JsonNode view = reply.json();
        collectMarked(view, shown);
        return view;
    }

    private HttpReply check(WebClient client, HttpMethod method, String path, JsonNode body) {
        HttpReply reply;
        try {
            reply = HttpReply.send(client, method, path, body == null ? null : MediaType.APPLICATION_JSON,
                    body == null ? null : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        if (reply.status() >= 500) {
            broken.add(method + " " + path + " " + (body == null ? "" : body.toString().substring(0,
                    Math.min(300, body.toString().length()))) + ": " + reply.status() + " " + reply.body());
        }
        if (reply.status() / 100 == 2 && body != null) {
            collectMarked(body, accepted);
        }
        return reply;
    }

    private static JsonNode withLoneSurrogates(JsonNode node) {
        if (node.isTextual() && node.asText().contains(MARK)) {
            return JSON.getNodeFactory().textNode(withLoneSurrogate(node.asText()));
        }
        if (node.isObject()) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> fields.put(withLoneSurrogate(field.getKey()),
                    withLoneSurrogates(field.getValue())));
            return JSON.getNodeFactory().objectNode().setAll(fields);
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(withLoneSurrogates(item)));
            return JSON.getNodeFactory().arrayNode().addAll(items);
        }
        return node;
    }

    /** Right after the mark: a store that mangles it cannot leave the value without it in the view. */
    private static String withLoneSurrogate(String text) {
        return text.replace(MARK, MARK + LONE_SURROGATE);
    }

    /** Marked strings among the node's values and field names; a string holding JSON is looked into. */
    private static void collectMarked(JsonNode node, Set<String> into) {
        if (node.isTextual()) {
            String text = node.asText();
            if (text.contains(MARK)) {
                JsonNode nested = parsedOrNull(text);
                if (nested != null && (nested.isObject() || nested.isArray())) {
                    collectMarked(nested, into);
                } else {
                    into.add(text);
                }
            }
        }
        node.fields().forEachRemaining(field -> {
            if (field.getKey().contains(MARK)) {
                into.add(field.getKey());
            }
            collectMarked(field.getValue(), into);
        });
        if (node.isArray()) {
            node.forEach(item -> collectMarked(item, into));
        }
    }

    /** Control characters escaped, so a failure message survives the console. */
    private static String printable(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode parsedOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
