package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.api.script.SavedScriptStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Saved scripts over HTTP: owner-scoped CRUD, validated like executions, in MongoDB. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "integr8s.embedded.mongo-backend=memory")
class SavedScriptsTest {

    static {
        TestHome.fresh("saved-scripts");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMOJI = "\uD83D\uDE00";

    @LocalServerPort
    int port;

    @Autowired
    SavedScriptStore store;

    private WebClient user;

    private WebClient user() {
        if (user == null) {
            user = ApiClient.as(port, "user", "user123").http();
        }
        return user;
    }

    /** A fresh plain user, registered and logged in. */
    private WebClient anotherUser() {
        String name = "other" + UUID.randomUUID().toString().substring(0, 8);
        HttpReply registered = HttpReply.json(ApiClient.anonymous(port).http(), HttpMethod.POST, "/auth/register",
                json(Map.of("username", name, "email", name + "@example.org", "password", "secret-123")));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        return ApiClient.as(port, name, "secret-123").http();
    }

    private static String json(Map<String, ?> body) {
        return JSON.valueToTree(body).toString();
    }

    private static Map<String, Object> script(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("script", "print('" + name + "')");
        return body;
    }

    private static HttpReply create(WebClient client, Map<String, ?> body) {
        return HttpReply.json(client, HttpMethod.POST, "/scripts", json(body));
    }

    private static String createdId(WebClient client, Map<String, ?> body) {
        HttpReply reply = create(client, body);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().get("script_id").asText();
    }

    private static HttpReply get(WebClient client, String path) {
        return HttpReply.send(client, HttpMethod.GET, path, null, null);
    }

    private static int count(WebClient client) {
        return get(client, "/scripts").json().get("scripts").size();
    }

    @Test
    void aScriptIsCreatedReadListedUpdatedAndDeleted() {
        WebClient user = user();
        Map<String, Object> body = script("hello");
        body.put("lang", "python");
        body.put("lang_version", "3.11");
        body.put("description", "says hello");

        JsonNode created = create(user, body).hasSecurityHeaders().json();
        String id = created.get("script_id").asText();
        assertThat(created.get("name").asText()).isEqualTo("hello");
        assertThat(created.get("script").asText()).isEqualTo("print('hello')");
        assertThat(created.get("description").asText()).isEqualTo("says hello");
        assertThat(created.get("created_at").asText()).isEqualTo(created.get("updated_at").asText());

        assertThat(get(user, "/scripts/" + id).json()).isEqualTo(created);
        assertThat(get(user, "/scripts").json().get("scripts").findValuesAsText("script_id")).contains(id);

        JsonNode updated = HttpReply.json(user, HttpMethod.PUT, "/scripts/" + id,
                "{\"name\": \"hello again\", \"updated_at\": \"2000-01-01T00:00:00Z\"}").json();
        assertThat(updated.get("name").asText()).isEqualTo("hello again");
        assertThat(updated.get("script").asText()).as("fields left out stay").isEqualTo("print('hello')");
        assertThat(updated.get("description").asText()).isEqualTo("says hello");
        assertThat(updated.get("created_at")).isEqualTo(created.get("created_at"));
        assertThat(Instant.parse(updated.get("updated_at").asText()))
                .isAfterOrEqualTo(Instant.parse(created.get("updated_at").asText()));
        assertThat(get(user, "/scripts/" + id).json()).isEqualTo(updated);

        HttpReply deleted = HttpReply.send(user, HttpMethod.DELETE, "/scripts/" + id, null, null).hasSecurityHeaders();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        HttpReply gone = get(user, "/scripts/" + id).isError(404, "ScriptNotFoundError");
        assertThat(gone.json().get("detail").asText()).isEqualTo("Script '" + id + "' not found");
        HttpReply.send(user, HttpMethod.DELETE, "/scripts/" + id, null, null).isError(404, "ScriptNotFoundError");
        HttpReply.json(user, HttpMethod.PUT, "/scripts/" + id, "{\"name\": \"back\"}").isError(404, "ScriptNotFoundError");
        assertThat(get(user, "/scripts").json().get("scripts").findValuesAsText("script_id")).doesNotContain(id);
    }

    @Test
    void anotherUserCanNeitherSeeNorChangeNorDeleteTheScript() {
        WebClient owner = user();
        String id = createdId(owner, script("private"));
        JsonNode before = get(owner, "/scripts/" + id).json();
        WebClient other = anotherUser();

        assertThat(get(other, "/scripts/" + id).isError(404, "ScriptNotFoundError").json().get("detail").asText())
                .as("the same answer as for a script that does not exist").isEqualTo("Script '" + id + "' not found");
        HttpReply.json(other, HttpMethod.PUT, "/scripts/" + id, "{\"name\": \"mine now\"}").isError(404, "ScriptNotFoundError");
        HttpReply.send(other, HttpMethod.DELETE, "/scripts/" + id, null, null).isError(404, "ScriptNotFoundError");
        assertThat(get(other, "/scripts").json().get("scripts").findValuesAsText("script_id")).doesNotContain(id);

        assertThat(get(owner, "/scripts/" + id).json()).isEqualTo(before);
    }

    @Test
    void anAdminMayReadAnyScriptButListsAndChangesOnlyTheirOwn() {
        WebClient owner = user();
        String id = createdId(owner, script("inspected"));
        JsonNode before = get(owner, "/scripts/" + id).json();
        WebClient admin = ApiClient.as(port, "admin", "admin123").http();

        assertThat(get(admin, "/scripts/" + id).json()).isEqualTo(before);
        assertThat(get(admin, "/scripts").json().get("scripts").findValuesAsText("script_id")).doesNotContain(id);
        HttpReply.json(admin, HttpMethod.PUT, "/scripts/" + id, "{\"name\": \"admin's\"}").isError(404, "ScriptNotFoundError");
        HttpReply.send(admin, HttpMethod.DELETE, "/scripts/" + id, null, null).isError(404, "ScriptNotFoundError");

        assertThat(get(owner, "/scripts/" + id).json()).isEqualTo(before);
    }

    @Test
    void anonymousClientsAreNotAuthenticated() {
        WebClient anonymous = ApiClient.anonymous(port).http();

        get(anonymous, "/scripts").isError(401, "AuthenticationRequiredError");
        create(anonymous, script("anonymous")).isError(401, "AuthenticationRequiredError");
    }

    @Test
    void languageAndVersionDefaultToPython311() {
        JsonNode created = create(user(), script("defaults")).json();

        assertThat(created.get("lang").asText()).isEqualTo("python");
        assertThat(created.get("lang_version").asText()).isEqualTo("3.11");
        assertThat(created.get("description").isNull()).isTrue();
    }

    @Test
    void theListShowsTheMostRecentlyChangedFirst() {
        WebClient user = user();
        String older = createdId(user, script("older"));
        String newer = createdId(user, script("newer"));
        HttpReply.json(user, HttpMethod.PUT, "/scripts/" + older, "{\"description\": \"touched\"}");

        assertThat(get(user, "/scripts").json().get("scripts").findValuesAsText("script_id"))
                .containsSubsequence(older, newer);
    }

    @Test
    void invalidScriptsAreRefusedWith422AtTheFieldAndNothingIsStored() {
        WebClient user = user();
        int before = count(user);
        Map<String, Object> blankName = script(" ");
        Map<String, Object> longName = script("n".repeat(256));
        Map<String, Object> longScript = script("long");
        longScript.put("script", EMOJI.repeat(50_001));
        Map<String, Object> longDescription = script("described");
        longDescription.put("description", "d".repeat(1001));
        Map<String, Object> unknownLang = script("cobol");
        unknownLang.put("lang", "cobol");
        Map<String, Object> unknownVersion = script("old python");
        unknownVersion.put("lang_version", "2.7");

        assertThat(create(user, blankName).isInvalidAt("body", "name").get("msg").asText()).contains("give the script a name");
        assertThat(create(user, longName).isInvalidAt("body", "name").get("msg").asText()).contains("limit is 255");
        assertThat(create(user, longScript).isInvalidAt("body", "script").get("msg").asText())
                .contains("50001 characters").contains("limit is 50000");
        assertThat(create(user, longDescription).isInvalidAt("body", "description").get("msg").asText()).contains("1000");
        assertThat(create(user, unknownLang).isInvalidAt("body", "lang").get("msg").asText()).contains("python 3.11");
        assertThat(create(user, unknownVersion).isInvalidAt("body", "lang_version").get("msg").asText())
                .contains("'python 2.7'").contains("python 3.11");
        JsonNode bothMissing = HttpReply.json(user, HttpMethod.POST, "/scripts", "{}").json().get("detail");
        assertThat(bothMissing.findValuesAsText("msg")).allMatch(msg -> msg.startsWith("Field required"));
        assertThat(bothMissing.findValues("loc").stream().map(JsonNode::toString))
                .containsExactly("[\"body\",\"name\"]", "[\"body\",\"script\"]");
        HttpReply.json(user, HttpMethod.POST, "/scripts", "{\"name\": [\"x\"], \"script\": \"1\"}").isInvalidAt("body", "name");
        HttpReply.json(user, HttpMethod.POST, "/scripts", "{\"name\": \"x\"").isInvalidAt("body");

        assertThat(count(user)).isEqualTo(before);
    }

    @Test
    void limitsCountCharactersNotBytesOrUtf16Units() {
        Map<String, Object> body = script(EMOJI.repeat(255));
        body.put("script", EMOJI.repeat(50_000));

        JsonNode created = create(user(), body).json();

        assertThat(created.get("script").asText()).isEqualTo(EMOJI.repeat(50_000));
    }

    @Test
    void anInvalidUpdateIsRefusedAndLeavesTheScriptAsItWas() {
        WebClient user = user();
        String id = createdId(user, script("stable"));
        JsonNode before = get(user, "/scripts/" + id).json();

        HttpReply.json(user, HttpMethod.PUT, "/scripts/" + id, "{\"lang\": \"cobol\", \"script\": \"x\"}").isInvalidAt("body", "lang");
        HttpReply.json(user, HttpMethod.PUT, "/scripts/" + id, "{\"name\": \"\"}").isInvalidAt("body", "name");
        HttpReply.json(user, HttpMethod.PUT, "/scripts/" + id, "[]").isInvalidAt("body");

        assertThat(get(user, "/scripts/" + id).json()).isEqualTo(before);
    }

    @Test
    void anOwnersScriptsAreCountedAndDeletedTogether() {
        WebClient owner = anotherUser();
        createdId(owner, script("one"));
        createdId(owner, script("two"));
        String ownerId = ownerIdOf(owner);
        long owned = count(owner);

        assertThat(store.countOwnedBy(ownerId).block(Duration.ofSeconds(5))).isEqualTo(owned);
        assertThat(store.countOwnedBy("somebody-else").block(Duration.ofSeconds(5))).isZero();
        assertThat(store.deleteAllOwnedBy(ownerId).block(Duration.ofSeconds(5))).isEqualTo(owned);
        assertThat(count(owner)).isZero();
        assertThat(store.countOwnedBy(ownerId).block(Duration.ofSeconds(5))).isZero();
    }

    private static String ownerIdOf(WebClient client) {
        return get(client, "/auth/me").json().get("user_id").asText();
    }
}
