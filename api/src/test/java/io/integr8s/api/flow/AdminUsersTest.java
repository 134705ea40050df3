package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.command.user.api.PasswordChanged;
import io.integr8s.command.user.api.UserRegistered;
import io.integr8s.command.user.api.UserRole;
import io.integr8s.command.user.api.UserRoleChanged;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin user operations and the ownership rule, over HTTP against the embedded stack. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "integr8s.embedded.mongo-backend=memory")
class AdminUsersTest {

    static {
        TestHome.fresh("admin-users");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private ApiClient admin() {
        return ApiClient.as(port, "admin", "admin123");
    }

    private static ResponseEntity<JsonNode> call(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(30));
    }

    private JsonNode createUser(String username, String password) {
        ResponseEntity<JsonNode> created = call(admin().http().post().uri("/admin/users/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "email", username + "@example.org", "password", password)));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
        return created.getBody();
    }

    private ResponseEntity<JsonNode> login(String username, String password) {
        return call(WebClient.create("http://127.0.0.1:" + port + "/api/v1").post().uri("/auth/login")
                .body(BodyInserters.fromFormData("username", username).with("password", password)));
    }

    private static HttpStatusCode streamStatus(ApiClient client, String executionId) {
        return client.http().get().uri("/events/executions/{id}", executionId).accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .block(Duration.ofSeconds(10));
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void adminCreatesFindsUpdatesAndEveryChangeIsAnEventNamingTheAdmin() {
        String name = unique("made");
        String userId = createUser(name, "first-password").get("user_id").asText();
        String adminId = call(admin().http().get().uri("/auth/me")).getBody().get("user_id").asText();

        JsonNode page = call(admin().http().get().uri("/admin/users/?search={s}&limit=5", name)).getBody();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("users").get(0).get("username").asText()).isEqualTo(name);
        assertThat(call(admin().http().get().uri("/admin/users/?role=admin")).getBody().get("users").findValuesAsText("role"))
                .containsOnly("admin");

        ApiClient before = ApiClient.as(port, name, "first-password");
        JsonNode updated = call(admin().http().put().uri("/admin/users/{id}", userId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "admin", "email", name + "@new.example.org", "password", "second-password"))).getBody();
        assertThat(updated.get("role").asText()).isEqualTo("admin");
        assertThat(updated.get("email").asText()).isEqualTo(name + "@new.example.org");
        assertThat(call(before.http().get().uri("/auth/me")).getStatusCode()).as("sessions end with a new password")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(login(name, "first-password").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(login(name, "second-password").getStatusCode()).isEqualTo(HttpStatus.OK);

        List<Object> history = eventStore.readEvents(userId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
        assertThat(history).hasSize(4).first().isInstanceOf(UserRegistered.class);
        assertThat(((UserRegistered) history.get(0)).registeredBy()).isEqualTo(adminId);
        assertThat(((UserRegistered) history.get(0)).passwordHash()).startsWith("$argon2id$");
        assertThat(history).contains(new UserRoleChanged(userId, UserRole.USER, UserRole.ADMIN, adminId));
        assertThat(history).anyMatch(event -> event instanceof PasswordChanged changed && changed.changedBy().equals(adminId));
    }

    @Test
    void badQueriesAndTakenNamesGetTheContractsErrors() {
        assertThat(call(admin().http().get().uri("/admin/users/?role=root")).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(call(admin().http().get().uri("/admin/users/?limit=0")).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(call(admin().http().get().uri("/admin/users/no-such-user")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> taken = call(admin().http().post().uri("/admin/users/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "user", "email", "other@example.org", "password", "long-enough")));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(taken.getBody().get("detail").asText()).contains("already taken");
    }

    @Test
    void resetPasswordAndUnlockLetALockedOutUserBackIn() {
        String name = unique("locked");
        String userId = createUser(name, "original-pw").get("user_id").asText();
        for (int attempt = 0; attempt < 5; attempt++) {
            login(name, "wrong");
        }
        assertThat(login(name, "original-pw").getStatusCode()).isEqualTo(HttpStatus.LOCKED);

        JsonNode unlocked = call(admin().http().post().uri("/admin/users/{id}/unlock", userId)).getBody();
        assertThat(unlocked.get("user_id").asText()).isEqualTo(userId);
        assertThat(unlocked.get("message").asText()).contains("unlocked");
        assertThat(call(admin().http().post().uri("/admin/users/{id}/reset-password", userId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("new_password", "replaced-pw"))).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertThat(login(name, "original-pw").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(login(name, "replaced-pw").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void adminsCannotLockThemselvesOut() {
        String adminId = call(admin().http().get().uri("/auth/me")).getBody().get("user_id").asText();
        assertThat(call(admin().http().delete().uri("/admin/users/{id}", adminId)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call(admin().http().put().uri("/admin/users/{id}", adminId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "user"))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(login("admin", "admin123").getBody().get("role").asText()).isEqualTo("admin");
    }

    @Test
    void executionsAreTheOwnersOrAnAdminsAndTheOverviewCountsThem() {
        String owner = unique("owner");
        String ownerId = createUser(owner, "owner-password").get("user_id").asText();
        createUser(owner + "x", "other-password");
        ApiClient mine = ApiClient.as(port, owner, "owner-password");
        String executionId = mine.submit("print('mine')");
        assertThat(call(mine.http().post().uri("/scripts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "kept", "script", "print(1)"))).getStatusCode()).isEqualTo(HttpStatus.OK);
        mine.awaitStatus(executionId, Duration.ofSeconds(30), "completed");

        ApiClient stranger = ApiClient.as(port, owner + "x", "other-password");
        for (String path : List.of("/executions/{id}/result", "/executions/{id}/events")) {
            assertThat(call(stranger.http().get().uri(path, executionId)).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(call(stranger.http().post().uri("/executions/{id}/cancel", executionId)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(streamStatus(stranger, executionId)).as("the SSE stream").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(streamStatus(ApiClient.anonymous(port), executionId)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(admin().streamToEnd(executionId, null, Duration.ofSeconds(30))).isNotEmpty();
        assertThat(call(admin().http().get().uri("/executions/{id}/result", executionId)).getBody().get("stdout").asText())
                .isEqualTo("mine\n");

        JsonNode overview = call(admin().http().get().uri("/admin/users/{id}/overview", ownerId)).getBody();
        assertThat(overview.get("user").get("username").asText()).isEqualTo(owner);
        assertThat(overview.get("derived_counts").get("succeeded").asLong()).isEqualTo(1);
        assertThat(overview.get("rate_limit_summary").get("global_multiplier").asDouble()).isEqualTo(1.0);
        assertThat(overview.get("user").get("bypass_rate_limit").asBoolean()).isFalse();
        assertThat(overview.get("derived_counts").get("terminal_total").asLong()).isEqualTo(1);
        assertThat(overview.get("stats").get("events_by_type").findValuesAsText("event_type")).contains("execution_completed");
        assertThat(overview.get("recent_events").size()).isPositive();

        JsonNode deleted = call(admin().http().delete().uri("/admin/users/{id}", ownerId)).getBody();
        assertThat(deleted.get("user_deleted").asBoolean()).isTrue();
        assertThat(deleted.get("executions").asLong()).isEqualTo(1);
        assertThat(deleted.get("saved_scripts").asLong()).isEqualTo(1);
        assertThat(call(mine.http().get().uri("/auth/me")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(admin().http().get().uri("/admin/users/{id}", ownerId)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(login(owner, "owner-password").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
