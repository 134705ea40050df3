package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cookie sessions with CSRF, bearer clients, registration, lockout by address, and sessions only as issued and until
 * ended, over HTTP against the embedded stack.
 */
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
        return login(raw(), username, password);
    }

    private static ResponseEntity<JsonNode> login(WebClient client, String username, String password) {
        return exchange(client.post().uri("/auth/login")
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
    void fiveFailedLoginsLockOnlyTheirAddressNeverTheOwnerSigningInFromAnother() {
        String name = unique("lock");
        register(name, "right-password");
        WebClient attacker = from("127.0.0.2");
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(login(attacker, name, "wrong").getStatusCode()).as("attempt %d", attempt).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<JsonNode> fifth = login(attacker, name, "wrong");
        assertThat(fifth.getStatusCode()).isEqualTo(HttpStatus.LOCKED);
        assertThat(fifth.getBody().get("detail").asText()).contains("15 minute");
        assertThat(login(attacker, name, "right-password").getStatusCode()).isEqualTo(HttpStatus.LOCKED);

        assertThat(login(name, "right-password").getStatusCode()).as("the owner, from another address").isEqualTo(HttpStatus.OK);
    }

    @Test
    void strangersCannotLockTheAdminOutAndTheAdminUnlocksTheirAddresses() {
        ApiClient admin = ApiClient.as(port, "admin", "admin123");
        String adminId = admin.http().get().uri("/auth/me").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10)).get("user_id").asText();
        for (String address : List.of("127.0.0.3", "127.0.0.4")) {
            WebClient stranger = from(address);
            for (int attempt = 1; attempt <= 5; attempt++) {
                login(stranger, "admin", "guess-" + attempt);
            }
            assertThat(login(stranger, "admin", "admin123").getStatusCode()).as("from %s", address).isEqualTo(HttpStatus.LOCKED);
        }

        long started = System.nanoTime();
        assertThat(login("admin", "admin123").getStatusCode()).as("the admin, from its own address").isEqualTo(HttpStatus.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("slowed down, not refused")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(8));

        ResponseEntity<JsonNode> unlocked = exchange(admin.http().post().uri("/admin/users/{id}/unlock", adminId));
        assertThat(unlocked.getBody().get("message").asText()).contains("unlocked");
        assertThat(login(from("127.0.0.3"), "admin", "admin123").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aTokenSignedWithTheOldPublicDevelopmentSecretIsRefused() throws Exception {
        String adminId = ApiClient.as(port, "admin", "admin123").http().get().uri("/auth/me").retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(10)).get("user_id").asText();
        String forged = token(adminId, UUID.randomUUID().toString(),
                "integr8s-development-only-secret-never-use-in-production".getBytes(StandardCharsets.UTF_8));

        assertThat(exchange(raw().get().uri("/admin/users/").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged))
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aCorrectlySignedTokenIsRefusedUnlessItsSessionWasIssued() throws Exception {
        ApiClient.Session issued = ApiClient.login(port, "admin", "admin123");
        JWTClaimsSet claims = SignedJWT.parse(issued.accessToken()).getJWTClaimsSet();
        byte[] key = Files.readString(Path.of(System.getProperty("integr8s.home"), "secrets", "jwt-secret")).strip()
                .getBytes(StandardCharsets.UTF_8);

        String sameSession = token(claims.getSubject(), claims.getJWTID(), key);
        assertThat(exchange(raw().get().uri("/admin/users/").header(HttpHeaders.AUTHORIZATION, "Bearer " + sameSession))
                .getStatusCode()).as("signed here, for an issued session").isEqualTo(HttpStatus.OK);
        String neverIssued = token(claims.getSubject(), UUID.randomUUID().toString(), key);
        assertThat(exchange(raw().get().uri("/admin/users/").header(HttpHeaders.AUTHORIZATION, "Bearer " + neverIssued))
                .getStatusCode()).as("signed here, for a session never issued").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void passwordRoleDeactivationAndDeletionEachEndTheUsersSessions() {
        ApiClient admin = ApiClient.as(port, "admin", "admin123");
        Map<String, Object> resetPassword = Map.of("new_password", "another-password");
        List<Map.Entry<String, java.util.function.Function<String, WebClient.RequestHeadersSpec<?>>>> changes = List.of(
                Map.entry("password reset", id -> admin.http().post().uri("/admin/users/{id}/reset-password", id)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(resetPassword)),
                Map.entry("role change", id -> admin.http().put().uri("/admin/users/{id}", id)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "admin"))),
                Map.entry("deactivation", id -> admin.http().put().uri("/admin/users/{id}", id)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("is_active", false))),
                Map.entry("deletion", id -> admin.http().delete().uri("/admin/users/{id}", id)));
        for (var change : changes) {
            String name = unique("ended");
            String userId = register(name, "first-password");
            String token = ApiClient.login(port, name, "first-password").accessToken();
            assertThat(me(token)).as("before the %s", change.getKey()).isEqualTo(HttpStatus.OK);

            assertThat(exchange(change.getValue().apply(userId)).getStatusCode()).as(change.getKey()).isEqualTo(HttpStatus.OK);

            assertThat(me(token)).as("after the %s", change.getKey()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void aUserIsNotShownTheIdOfTheAdminWhoCancelledTheirExecution() {
        ApiClient admin = ApiClient.as(port, "admin", "admin123");
        String adminId = admin.http().get().uri("/auth/me").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10)).get("user_id").asText();
        ApiClient user = ApiClient.as(port, "user", "user123");
        String executionId = user.submit("import time\ntime.sleep(60)");
        admin.cancel(executionId);
        user.awaitStatus(executionId, Duration.ofSeconds(30), "cancelled");

        JsonNode events = user.http().get().uri("/executions/{id}/events", executionId).retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        JsonNode cancelled = StreamSupport.stream(events.spliterator(), false)
                .filter(event -> event.get("event_type").asText().equals("execution_cancelled")).findFirst().orElseThrow();
        assertThat(cancelled.get("cancelled_by").asText()).isEqualTo("admin");
        assertThat(events.toString()).doesNotContain(adminId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String saga = user.http().get().uri("/sagas/execution/{id}", executionId).retrieve().bodyToMono(String.class)
                    .block(Duration.ofSeconds(10));
            assertThat(saga).contains("Cancelled by an admin").doesNotContain(adminId);
        });

        JsonNode asAdmin = admin.http().get().uri("/executions/{id}/events", executionId).retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        assertThat(asAdmin.findValuesAsText("cancelled_by")).containsExactly(adminId);
    }

    private HttpStatus me(String token) {
        return HttpStatus.valueOf(exchange(raw().get().uri("/auth/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .getStatusCode().value());
    }

    /** A session token as this server shapes them, signed with {@code key}. */
    private static String token(String userId, String sessionId, byte[] key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("integr8s").subject(userId).jwtID(sessionId)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .claim("gen", 0).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    /** A client whose connections leave from this loopback address, as a client on another host would. */
    private WebClient from(String address) {
        HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(client))
                .baseUrl("http://127.0.0.1:" + port + "/api/v1").build();
    }

    @Test
    void plainUsersAreRefusedOnAdminRoutes() {
        ResponseEntity<JsonNode> refused = exchange(ApiClient.as(port, "user", "user123").http().get().uri("/admin/users/"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody().get("type").asText()).isEqualTo("ForbiddenError");
    }
}
