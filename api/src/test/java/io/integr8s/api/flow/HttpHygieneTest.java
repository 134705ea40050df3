package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Every response, error or not, in the contract's shape with the security headers; CORS as configured. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.cors.allowed-origins=https://ui.example.org"})
class HttpHygieneTest {

    static {
        TestHome.fresh("http-hygiene");
    }

    private static final String ALLOWED = "https://ui.example.org";

    @LocalServerPort
    int port;

    private ApiClient user;

    private ApiClient user() {
        if (user == null) {
            user = ApiClient.as(port, "user", "user123");
        }
        return user;
    }

    private WebClient http() {
        return user().http();
    }

    private WebClient anonymous() {
        return ApiClient.anonymous(port).http();
    }

    private HttpReply post(String path, String json) {
        return HttpReply.json(http(), HttpMethod.POST, path, json);
    }

    private long myExecutions() {
        return HttpReply.send(http(), HttpMethod.GET, "/user/executions?limit=1", null, null).json().get("total").asLong();
    }

    @Test
    void malformedJsonIsA422AndRunsNothing() {
        long before = myExecutions();

        JsonNode violation = post("/execute", "{\"script\": \"print(1)\"").isInvalidAt("body");

        assertThat(violation.get("type").asText()).isEqualTo("json_invalid");
        assertThat(violation.get("msg").asText()).contains("not valid JSON").contains("send");
        assertThat(myExecutions()).isEqualTo(before);
    }

    @Test
    void anArrayWhereAnObjectBelongsIsA422AtTheBody() {
        JsonNode violation = post("/execute", "[\"print(1)\"]").isInvalidAt("body");

        assertThat(violation.get("msg").asText()).contains("a JSON object");
    }

    @Test
    void anObjectWhereAStringBelongsIsA422AtThatField() {
        JsonNode violation = post("/execute", "{\"script\": {\"code\": 1}}").isInvalidAt("body", "script");

        assertThat(violation.get("msg").asText()).contains("a string");
    }

    @Test
    void aQueryParameterOfTheWrongTypeOrOutOfRangeIsA422AtThatParameter() {
        HttpReply.send(http(), HttpMethod.GET, "/user/executions?limit=many", null, null).isInvalidAt("query", "limit");
        HttpReply.send(http(), HttpMethod.GET, "/executions/any/events?limit=0", null, null).isInvalidAt("query", "limit");
        HttpReply.send(http(), HttpMethod.GET, "/user/executions?lang=\u0000", null, null).isInvalidAt("query", "lang");
    }

    @Test
    void aMissingBodyIsA422() {
        JsonNode violation = HttpReply.send(http(), HttpMethod.POST, "/execute", MediaType.APPLICATION_JSON, null)
                .isInvalidAt("body");

        assertThat(violation.get("type").asText()).isEqualTo("missing");
    }

    @Test
    void aMissingRequiredFieldIsA422AtThatField() {
        post("/execute", "{\"lang\": \"python\"}").isInvalidAt("body", "script");
    }

    @Test
    void aWrongContentTypeIsA415() {
        HttpReply.send(http(), HttpMethod.POST, "/execute", MediaType.TEXT_PLAIN, "print(1)")
                .isError(415, "UnsupportedMediaTypeError");
    }

    @Test
    void aWrongMethodIsA405NamingTheAllowedOnes() {
        HttpReply reply = HttpReply.send(http(), HttpMethod.DELETE, "/execute", null, null)
                .isError(405, "MethodNotAllowedError");

        assertThat(reply.headers().getAllow()).containsExactly(HttpMethod.POST);
        assertThat(reply.json().get("detail").asText()).contains("use POST");
    }

    @Test
    void anUnknownRouteIsA404InsideAndOutsideTheApi() {
        HttpReply.send(http(), HttpMethod.GET, "/no-such-thing", null, null).isError(404, "NotFoundError");
        WebClient root = WebClient.create("http://127.0.0.1:" + port);
        HttpReply.send(root, HttpMethod.GET, "/favicon.ico", null, null).isError(404, "NotFoundError");
        HttpReply.send(root, HttpMethod.POST, "/", MediaType.APPLICATION_JSON, "{}").isError(404, "NotFoundError");
    }

    @Test
    void aBodyOverTenMebibytesIsA413WithTheHeaders() {
        post("/execute", "{\"script\": \"" + "#".repeat(11 * 1024 * 1024) + "\"}").isError(413, "PayloadTooLargeError");
    }

    @Test
    void aPublicEndpointAnswersMalformedJsonWith422() {
        HttpReply.json(anonymous(), HttpMethod.POST, "/auth/register", "{\"username\": ").isInvalidAt("body");
        HttpReply.json(anonymous(), HttpMethod.POST, "/auth/register", "[]").isInvalidAt("body");
    }

    @Test
    void refusalsByTheSecurityLayerCarryTheHeaders() {
        HttpReply.send(anonymous(), HttpMethod.GET, "/user/executions", null, null).isError(401, "AuthenticationRequiredError");
        HttpReply.send(http(), HttpMethod.GET, "/admin/users/", null, null).isError(403, "ForbiddenError");
        HttpReply forged = HttpReply.send(http(), HttpMethod.POST, "/execute", MediaType.APPLICATION_JSON,
                "{\"script\":\"print(1)\"}", headers -> headers.set("X-CSRF-Token", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        forged.hasSecurityHeaders().leaksNothing();
    }

    @Test
    void aNotFoundDomainErrorCarriesTheHeaders() {
        HttpReply.send(http(), HttpMethod.GET, "/executions/nope/result", null, null).isError(404, "ExecutionNotFoundError");
    }

    @Test
    void successfulResponsesAndEventStreamsCarryTheHeaders() {
        HttpReply.send(http(), HttpMethod.GET, "/k8s-limits", null, null).hasSecurityHeaders();
        String id = user().submit("print(1)");
        AtomicReference<HttpHeaders> streamHeaders = new AtomicReference<>();
        http().get().uri("/events/executions/{id}", id).accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToMono(response -> {
                    streamHeaders.set(response.headers().asHttpHeaders());
                    return response.releaseBody();
                })
                .block(Duration.ofSeconds(20));
        new HttpReply(200, streamHeaders.get(), "").hasSecurityHeaders();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithCredentials() {
        HttpReply reply = HttpReply.send(http(), HttpMethod.OPTIONS, "/execute", null, null, headers -> {
            headers.setOrigin(ALLOWED);
            headers.setAccessControlRequestMethod(HttpMethod.POST);
            headers.setAccessControlRequestHeaders(List.of("Content-Type", "X-CSRF-Token"));
        }).hasSecurityHeaders();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(reply.headers().getAccessControlAllowCredentials()).isTrue();
        assertThat(reply.headers().getAccessControlAllowMethods()).contains(HttpMethod.POST);
        assertThat(reply.headers().getAccessControlAllowHeaders()).map(String::toLowerCase)
                .contains("content-type", "x-csrf-token");
    }

    @Test
    void aCrossOriginRequestFromAnAllowedOriginMayReadTheRateLimitHeaders() {
        HttpReply reply = HttpReply.send(http(), HttpMethod.GET, "/k8s-limits", null, null,
                headers -> headers.setOrigin(ALLOWED));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(reply.headers().getAccessControlExposeHeaders()).contains("X-RateLimit-Limit", "X-RateLimit-Remaining",
                "X-RateLimit-Reset", "Retry-After");
    }

    @Test
    void anAllowedOriginCanReadARefusal() {
        HttpReply reply = HttpReply.send(anonymous(), HttpMethod.GET, "/user/executions", null, null,
                headers -> headers.setOrigin(ALLOWED)).isError(401, "AuthenticationRequiredError");

        assertThat(reply.headers().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(reply.headers().getAccessControlAllowCredentials()).isTrue();
    }

    @Test
    void anotherOriginIsRefusedBeforeAnythingHappens() {
        long before = myExecutions();

        HttpReply preflight = HttpReply.send(http(), HttpMethod.OPTIONS, "/execute", null, null, headers -> {
            headers.setOrigin("https://evil.example");
            headers.setAccessControlRequestMethod(HttpMethod.POST);
        }).isError(403, "CorsRejectedError");
        HttpReply.send(http(), HttpMethod.POST, "/execute", MediaType.APPLICATION_JSON, "{\"script\":\"print(1)\"}",
                headers -> headers.setOrigin("https://evil.example")).isError(403, "CorsRejectedError");

        assertThat(preflight.headers().getAccessControlAllowOrigin()).isNull();
        assertThat(myExecutions()).isEqualTo(before);
    }
}
