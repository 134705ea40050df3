package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.command.settings.UserSettings;
import io.integr8s.command.settings.api.NotificationPreferences;
import io.integr8s.command.settings.api.UserSettingsChanged;
import io.integr8s.query.settings.FindNotificationPreferences;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A user's settings over HTTP: defaults, every change, its rules, history, restore; the auditors' view and verify. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"integr8s.embedded.mongo-backend=memory", "integr8s.user-settings.snapshot-threshold=3"})
class UserSettingsFlowTest {

    static {
        TestHome.fresh("user-settings");
    }

    private static final String SETTINGS = "/user/settings/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    EventStore eventStore;

    /** A fresh user, so that every test starts from the defaults. */
    private record Someone(String id, ApiClient client) {
    }

    private Someone someone() {
        String name = "settings-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<JsonNode> registered = HttpCalls.send(ApiClient.anonymous(port).http(), HttpMethod.POST,
                "/auth/register", Map.of("username", name, "email", name + "@example.org", "password", "password-1"));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.OK);
        return new Someone(registered.getBody().get("user_id").asText(), ApiClient.as(port, name, "password-1"));
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static JsonNode put(Someone who, String path, Object body) {
        return ok(HttpCalls.send(who.client().http(), HttpMethod.PUT, SETTINGS + path, body));
    }

    private static JsonNode get(Someone who, String path) {
        return ok(HttpCalls.get(who.client().http(), SETTINGS + path));
    }

    private static HttpReply send(Someone who, HttpMethod method, String path, Object body) {
        return HttpReply.json(who.client().http(), method, SETTINGS + path, json(body));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The settings without their bookkeeping (version, times). */
    private static JsonNode state(JsonNode settings) {
        ObjectNode state = settings.deepCopy();
        state.remove(List.of("version", "created_at", "updated_at"));
        return state;
    }

    private static List<String> fields(JsonNode entries) {
        return StreamSupport.stream(entries.spliterator(), false).map(entry -> entry.get("field").asText()).toList();
    }

    @Test
    void aUserWhoNeverChangedTheirSettingsGetsTheDefaults() throws Exception {
        Someone someone = someone();

        JsonNode settings = get(someone, "");

        assertThat(state(settings)).isEqualTo(JSON.readTree("""
                {"user_id":"%s","theme":"auto","timezone":"UTC","date_format":"YYYY-MM-DD","time_format":"24h",
                 "notifications":{"execution_completed":true,"execution_failed":true,"system_updates":true,
                                  "security_alerts":true,"channels":["in_app"]},
                 "editor":{"font_size":14,"tab_size":4,"use_tabs":false,"word_wrap":true,"show_line_numbers":true},
                 "custom_settings":{}}""".formatted(someone.id())));
        assertThat(settings.get("version").asInt()).isEqualTo(1);
        assertThat(get(someone, "history").get("history")).isEmpty();
    }

    @Test
    void eachPutChangesItsPartAndGetShowsTheResult() {
        Someone someone = someone();

        assertThat(put(someone, "theme", Map.of("theme", "dark")).get("theme").asText()).isEqualTo("dark");
        JsonNode notifications = put(someone, "notifications", Map.of("execution_failed", false,
                "channels", List.of("webhook", "in_app"))).get("notifications");
        assertThat(notifications.get("execution_failed").asBoolean()).isFalse();
        assertThat(notifications.get("execution_completed").asBoolean()).isTrue();
        assertThat(notifications.get("channels")).hasSize(2);
        JsonNode editor = put(someone, "editor", Map.of("font_size", 18, "tab_size", 2)).get("editor");
        assertThat(editor.get("font_size").asInt()).isEqualTo(18);
        assertThat(editor.get("tab_size").asInt()).isEqualTo(2);
        assertThat(editor.get("word_wrap").asBoolean()).isTrue();
        JsonNode last = put(someone, "custom/layout", Map.of("panes", 2));

        assertThat(last.get("custom_settings").get("layout").get("panes").asInt()).isEqualTo(2);
        assertThat(last.get("version").asInt()).isEqualTo(5);
        assertThat(get(someone, "")).isEqualTo(last);
    }

    @Test
    void aPartialUpdateChangesOnlyTheFieldsItGivesAndAnUnchangedPutIsNoChange() {
        Someone someone = someone();
        put(someone, "theme", Map.of("theme", "light"));

        JsonNode updated = put(someone, "", Map.of("timezone", "Europe/Berlin", "time_format", "12h"));

        assertThat(updated.get("theme").asText()).isEqualTo("light");
        assertThat(updated.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(updated.get("time_format").asText()).isEqualTo("12h");
        assertThat(updated.get("version").asInt()).isEqualTo(3);
        assertThat(put(someone, "", Map.of("timezone", "Europe/Berlin")).get("version").asInt()).isEqualTo(3);
    }

    @Test
    void brokenRulesAnswer422AtTheFieldAndChangeNothing() {
        Someone someone = someone();
        JsonNode before = get(someone, "");

        send(someone, HttpMethod.PUT, "editor", Map.of("font_size", 40)).isInvalidAt("body", "font_size");
        send(someone, HttpMethod.PUT, "editor", Map.of("tab_size", 3)).isInvalidAt("body", "tab_size");
        send(someone, HttpMethod.PUT, "theme", Map.of("theme", "neon")).isInvalidAt("body", "theme");
        HttpReply.json(someone.client().http(), HttpMethod.PUT, SETTINGS + "theme", "{}").isInvalidAt("body", "theme");
        HttpReply.json(someone.client().http(), HttpMethod.PUT, SETTINGS, "{\"notifications\":{\"channels\":[null]}}")
                .isInvalidAt("body", "notifications", "channels");
        send(someone, HttpMethod.PUT, "", Map.of("theme", "dark", "editor", Map.of("font_size", 40)))
                .isInvalidAt("body", "editor", "font_size");
        send(someone, HttpMethod.PUT, "notifications", Map.of("channels", List.of("pager")))
                .isInvalidAt("body", "channels");
        send(someone, HttpMethod.PUT, "custom/bad key!", Map.of("a", 1)).isInvalidAt("path", "key");
        send(someone, HttpMethod.POST, "restore", Map.of("timestamp", "yesterday")).isInvalidAt("body", "timestamp");
        send(someone, HttpMethod.POST, "restore", Map.of("timestamp", "2020-01-01T00:00:00Z", "reason", "x".repeat(1001)))
                .isInvalidAt("body", "reason");
        HttpReply.json(someone.client().http(), HttpMethod.PUT, SETTINGS + "custom/ok", "[1]").isInvalidAt("body");

        assertThat(state(get(someone, ""))).isEqualTo(state(before));
        assertThat(get(someone, "").get("version").asInt()).isEqualTo(1);
        assertThat(get(someone, "history").get("history")).isEmpty();
    }

    @Test
    void theHistoryHasOneEntryPerChangedFieldNewestFirst() {
        Someone someone = someone();
        put(someone, "theme", Map.of("theme", "dark"));
        put(someone, "editor", Map.of("font_size", 16, "tab_size", 2));

        JsonNode history = get(someone, "history");

        assertThat(history.get("limit").asInt()).isEqualTo(50);
        assertThat(fields(history.get("history"))).containsExactly("editor.tab_size", "editor.font_size", "theme");
        JsonNode theme = history.get("history").get(2);
        assertThat(theme.get("event_type").asText()).isEqualTo("user_settings_updated");
        assertThat(theme.get("old_value").asText()).isEqualTo("auto");
        assertThat(theme.get("new_value").asText()).isEqualTo("dark");
        assertThat(theme.get("reason").isNull()).isTrue();
        assertThat(Instant.parse(theme.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(history.get("history").get(0).get("new_value").asInt()).isEqualTo(2);
        assertThat(fields(get(someone, "history?limit=1").get("history"))).containsExactly("editor.tab_size");
        send(someone, HttpMethod.GET, "history?limit=0", null).isInvalidAt("query", "limit");
    }

    @Test
    void aRestoreYieldsExactlyTheSettingsOfThatTimeAndIsItselfAHistoryEntry() {
        Someone someone = someone();
        put(someone, "theme", Map.of("theme", "dark"));
        put(someone, "editor", Map.of("font_size", 20));
        JsonNode then = put(someone, "custom/layout", Map.of("panes", 2));
        Instant at = Instant.parse(then.get("updated_at").asText());
        await().until(() -> Instant.now().isAfter(at));
        put(someone, "", Map.of("theme", "light", "timezone", "Asia/Tokyo", "custom_settings",
                Map.of("other", Map.of("y", 2)), "editor", Map.of("font_size", 10, "tab_size", 8),
                "notifications", Map.of("security_alerts", false)));

        JsonNode restored = ok(HttpCalls.send(someone.client().http(), HttpMethod.POST, SETTINGS + "restore",
                Map.of("timestamp", at.toString(), "reason", "back to the afternoon")));

        assertThat(state(restored)).isEqualTo(state(then));
        assertThat(restored.get("version").asInt()).isEqualTo(6);
        assertThat(state(get(someone, ""))).isEqualTo(state(then));
        JsonNode newest = get(someone, "history").get("history").get(0);
        assertThat(newest.get("reason").asText()).isEqualTo("back to the afternoon");
        assertThat(eventStore.readEvents(UserSettingsChanged.aggregateId(someone.id())).peek().getPayload())
                .as("snapshotted every 3 events, the aggregate loads from its snapshot").isInstanceOf(UserSettings.class);
    }

    @Test
    void customSettingsAreSetAndChangedByKey() {
        Someone someone = someone();
        put(someone, "custom/ide.layout", Map.of("panes", 1));

        JsonNode settings = put(someone, "custom/ide.layout", Map.of("panes", 2, "split", "vertical"));

        assertThat(settings.get("custom_settings").get("ide.layout").get("split").asText()).isEqualTo("vertical");
        JsonNode entry = get(someone, "history").get("history").get(0);
        assertThat(entry.get("field").asText()).isEqualTo("custom_settings.ide.layout");
        assertThat(entry.get("old_value").get("panes").asInt()).isEqualTo(1);
        assertThat(entry.get("new_value").get("panes").asInt()).isEqualTo(2);
    }

    @Test
    void findNotificationPreferencesAnswersTheNewPreferencesAsSoonAsThePutReturned() throws Exception {
        Someone someone = someone();
        assertThat(preferences(someone)).isEqualTo(NotificationPreferences.DEFAULTS);

        put(someone, "notifications", Map.of("execution_completed", false, "channels", List.of("slack")));

        assertThat(preferences(someone)).isEqualTo(new NotificationPreferences(false, true, true, true,
                List.of("slack")));
    }

    private NotificationPreferences preferences(Someone someone) throws Exception {
        return queryGateway.query(new FindNotificationPreferences(someone.id()), NotificationPreferences.class).get();
    }

    @Test
    void anAuditorReadsAUsersWholeHistoryFilteredAsJsonOrCsvAndAPlainUserCannot() {
        Someone someone = someone();
        put(someone, "theme", Map.of("theme", "dark"));
        JsonNode second = put(someone, "editor", Map.of("font_size", 16));
        ApiClient admin = ApiClient.as(port, "admin", "admin123");
        String audit = "/admin/audit/settings/" + someone.id();

        JsonNode all = ok(HttpCalls.get(admin.http(), audit));
        assertThat(all.get("user_id").asText()).isEqualTo(someone.id());
        assertThat(fields(all.get("entries"))).containsExactly("theme", "editor.font_size");
        assertThat(all.get("entries").get(0).get("changed_by").asText()).isEqualTo(someone.id());
        assertThat(all.get("entries").get(0).get("hash").asText()).hasSize(64);
        assertThat(fields(ok(HttpCalls.get(admin.http(), audit + "?field=editor")).get("entries")))
                .containsExactly("editor.font_size");
        assertThat(fields(ok(HttpCalls.get(admin.http(), audit + "?from=" + second.get("updated_at").asText()))
                .get("entries"))).containsExactly("editor.font_size");
        assertThat(ok(HttpCalls.get(admin.http(), audit + "?to=2000-01-01T00:00:00Z")).get("entries")).isEmpty();

        HttpReply csv = HttpReply.send(admin.http(), HttpMethod.GET, audit + "?format=csv", null, null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("\"sequence\",\"index\",\"timestamp\",\"event_type\",\"field\"");
        assertThat(lines.get(1)).contains("\"theme\",\"\"\"auto\"\"\",\"\"\"dark\"\"\",\"" + someone.id() + "\"");

        HttpReply.send(someone.client().http(), HttpMethod.GET, audit, null, null).isError(403, "ForbiddenError");
        HttpReply.send(admin.http(), HttpMethod.GET, "/admin/audit/settings/no-such-user", null, null)
                .isError(404, "UserNotFoundError");
        HttpReply.send(admin.http(), HttpMethod.GET, audit + "?format=xml", null, null).isInvalidAt("query", "format");
    }

    @Test
    void verifyConfirmsTheReadModelAndFindsAnEntryTamperedInTheTable() {
        Someone someone = someone();
        put(someone, "theme", Map.of("theme", "dark"));
        put(someone, "editor", Map.of("font_size", 16, "tab_size", 8));
        put(someone, "theme", Map.of("theme", "light"));
        String verify = "/admin/audit/settings/" + someone.id() + "/verify";

        JsonNode clean = asAdmin(verify);
        assertThat(clean.get("events").asInt()).isEqualTo(3);
        assertThat(clean.get("verified").asBoolean()).isTrue();
        assertThat(clean.get("first_mismatch").isNull()).isTrue();

        jdbc.update("update user_settings_history set new_value = '\"auto\"' where user_id = ? and sequence = 0",
                someone.id());
        JsonNode tampered = asAdmin(verify);
        assertThat(tampered.get("verified").asBoolean()).isFalse();
        assertThat(tampered.get("first_mismatch").get("entry").asInt()).isZero();
        assertThat(tampered.get("first_mismatch").get("field").asText()).isEqualTo("theme");
        assertThat(tampered.get("first_mismatch").get("problem").asText()).contains("differs from event 0");
    }

    @Test
    void verifyFindsASettingsRowThatNoEventExplains() {
        Someone someone = someone();
        put(someone, "theme", Map.of("theme", "dark"));

        jdbc.update("update user_settings set settings = replace(settings, '\"dark\"', '\"light\"') where user_id = ?",
                someone.id());
        JsonNode tampered = asAdmin("/admin/audit/settings/" + someone.id() + "/verify");

        assertThat(tampered.get("verified").asBoolean()).isFalse();
        assertThat(tampered.get("first_mismatch").get("field").asText()).isEqualTo("settings");
        assertThat(tampered.get("first_mismatch").get("entry").isNull()).isTrue();
    }

    private JsonNode asAdmin(String path) {
        return ok(HttpCalls.get(ApiClient.as(port, "admin", "admin123").http(), path));
    }
}
