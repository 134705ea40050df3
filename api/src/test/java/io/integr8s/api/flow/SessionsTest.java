package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Cookie sessions with CSRF, bearer clients, registration and lockout, over HTTP against the embedded stack. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "integr8s.embedded.mongo-backend=memory")
class SessionsTest {

    static {
        TestHome.fresh("sessions");
    }

    @LocalServerPort
    int port;

    private WebClient raw() {
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1").build();
    }

    private static ResponseEntity<JsonNode> exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(10));
    }

    private ResponseEntity<JsonNode> login(String username, String password) {
        return exchange(raw().post().uri("/auth/login")
                .body(BodyInserters.fromFormData("username", username).with("password", password)));
    }

    private String register(String username, String password) {
        ResponseEntity<JsonNode> response = exchange(raw().post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "email", username + "@example.org", "password", password)));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().get("user_id").asText();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void loginSetsBothCookiesWithTheContractsFlags() {
        ResponseEntity<JsonNode> response = login("user", "user123");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("username").asText()).isEqualTo("user");
        assertThat(response.getBody().get("role").asText()).isEqualTo("user");
        List<String> cookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        String access = cookies.stream().filter(c -> c.startsWith("access_token=")).findFirst().orElseThrow();
        String csrf = cookies.stream().filter(c -> c.startsWith("csrf_token=")).findFirst().orElseThrow();
        assertThat(access.toLowerCase()).contains("httponly", "samesite=strict", "path=/").doesNotContain("secure");
        assertThat(csrf.toLowerCase()).contains("samesite=strict", "path=/").doesNotContain("httponly");
        assertThat(csrf).startsWith("csrf_token=" + response.getBody().get("csrf_token").asText() + ";");
    }

    @Test
    void meAnswersForTheSessionAndAnonymousGetsTheContracts401() {
        JsonNode me = ApiClient.as(port, "admin", "admin123").http().get().uri("/auth/me").retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        assertThat(me.get("username").asText()).isEqualTo("admin");
        assertThat(me.get("role").asText()).isEqualTo("admin");
        assertThat(me.get("is_superuser").asBoolean()).isTrue();

        ResponseEntity<JsonNode> anonymous = exchange(raw().get().uri("/auth/me"));
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getBody().get("detail").asText()).isEqualTo("Not authenticated");
        assertThat(anonymous.getBody().get("type").asText()).isEqualTo("AuthenticationRequiredError");
    }

    @Test
    void unsafeCookieRequestsNeedTheSessionsOwnCsrfToken() {
        ApiClient.Session mine = ApiClient.login(port, "user", "user123");
        ApiClient.Session other = ApiClient.login(port, "user", "user123");
        Map<String, String> body = Map.of("script", "print(1)");

        for (String header : new String[]{null, "forged", other.csrfToken()}) {
            ResponseEntity<JsonNode> refused = exchange(raw().post().uri("/execute").contentType(MediaType.APPLICATION_JSON)
                    .cookie("access_token", mine.accessToken()).cookie("csrf_token", header == null ? mine.csrfToken() : header)
                    .headers(h -> {
                        if (header != null) {
                            h.set("X-CSRF-Token", header);
                        }
                    }).bodyValue(body));
            assertThat(refused.getStatusCode()).as("X-CSRF-Token %s", header).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().get("detail").asText()).isEqualTo("CSRF validation failed");
        }
        ResponseEntity<JsonNode> accepted = exchange(raw().post().uri("/execute").contentType(MediaType.APPLICATION_JSON)
                .cookie("access_token", mine.accessToken()).cookie("csrf_token", mine.csrfToken())
                .header("X-CSRF-Token", mine.csrfToken()).bodyValue(body));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void bearerClientsNeedNoCsrfToken() {
        ApiClient.Session session = ApiClient.login(port, "user", "user123");
        String id = ApiClient.bearer(port, session.accessToken()).submit("print('bearer')");
        assertThat(id).isNotBlank();

        ResponseEntity<JsonNode> forged = exchange(raw().get().uri("/auth/me").header(HttpHeaders.AUTHORIZATION,
                "Bearer " + session.accessToken().substring(0, session.accessToken().length() - 2) + "xx"));
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void logoutEndsTheSessionEvenIfItsTokenIsKept() {
        ApiClient client = ApiClient.as(port, "user", "user123");
        String token = client.session().accessToken();
        ResponseEntity<JsonNode> logout = exchange(client.http().post().uri("/auth/logout"));
        assertThat(logout.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(logout.getHeaders().get(HttpHeaders.SET_COOKIE)).anyMatch(c -> c.startsWith("access_token=;") && c.contains("Max-Age=0"));

        assertThat(exchange(raw().get().uri("/auth/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void registrationCreatesAPlainUserOnceAndChecksThePasswordPolicy() {
        String name = unique("reg");
        ResponseEntity<JsonNode> created = exchange(raw().post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "email", name + "@example.org", "password", "long-enough",
                        "role", "admin")));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(created.getBody().get("role").asText()).isEqualTo("user");
        assertThat(created.getBody().get("is_active").asBoolean()).isTrue();
        assertThat(created.getBody().has("password")).isFalse();
        assertThat(created.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();

        ResponseEntity<JsonNode> taken = exchange(raw().post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name.toUpperCase(), "email", "x" + name + "@example.org", "password", "long-enough")));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        String other = unique("short");
        ResponseEntity<JsonNode> weak = exchange(raw().post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", other, "email", other + "@example.org", "password", "short")));
        assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(weak.getBody().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"password\"]");
        assertThat(login(other, "short").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(login(name, "long-enough").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void fiveFailedLoginsLockTheAccountEvenForTheRightPassword() {
        String name = unique("lock");
        register(name, "right-password");
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(login(name, "wrong").getStatusCode()).as("attempt %d", attempt).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<JsonNode> fifth = login(name, "wrong");
        assertThat(fifth.getStatusCode()).isEqualTo(HttpStatus.LOCKED);
        assertThat(fifth.getBody().get("detail").asText()).contains("15 minute");

        assertThat(login(name, "right-password").getStatusCode()).isEqualTo(HttpStatus.LOCKED);
    }

    @Test
    void plainUsersAreRefusedOnAdminRoutes() {
        ResponseEntity<JsonNode> refused = exchange(ApiClient.as(port, "user", "user123").http().get().uri("/admin/users/"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody().get("type").asText()).isEqualTo("ForbiddenError");
    }
}
