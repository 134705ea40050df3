package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.api.script.SavedScriptStore;
import io.integr8s.api.user.UserDirectory;
import io.integr8s.query.execution.ExecutionQueries;
import io.integr8s.query.execution.ListExecutions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every operation of the contract with wrong methods, malformed and wrong-typed bodies and absurd path and
 * query values, as an anonymous client, a plain user and an admin: never a 5xx, never a stack trace, always the
 * security headers, and nothing the plain user sends changes their data or the user list.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "integr8s.embedded.mongo-backend=memory")
class ApiFuzzTest {

    static {
        TestHome.fresh("api-fuzz");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);
    private static final List<String> ABSURD_IDS = List.of("fuzz-nonexistent", "-1", "0", "99999999999999999999999",
            "' OR '1'='1", "..", "%2e%2e", "\u0000", "\uD83D\uDE00", "{\"$gt\":\"\"}", "null", " ", "a".repeat(1000));
    private static final List<String> ABSURD_QUERY_VALUES = List.of("-1", "abc", "99999999999999999999999", "", "1e999",
            "\u0000", "[]", "true");
    private static final List<String> MALFORMED_BODIES = List.of("{", "[]", "null", "\"text\"", "42", "{\"a\":}",
            "[".repeat(5000), "\uFEFF{}");

    @LocalServerPort
    int port;

    @Autowired
    SavedScriptStore scripts;

    @Autowired
    ExecutionQueries executions;

    @Autowired
    UserDirectory users;

    /** One operation of the contract. */
    record Operation(HttpMethod method, String path, JsonNode spec) {

        boolean streams() {
            return spec.path("responses").path("200").path("content").has("text/event-stream");
        }

        List<JsonNode> parameters(String in) {
            return StreamSupport.stream(spec.path("parameters").spliterator(), false)
                    .filter(parameter -> parameter.path("in").asText().equals(in)).toList();
        }

        boolean hasBody() {
            return spec.has("requestBody");
        }
    }

    /** The data a plain user owns, and the user list: what no fuzzed request of theirs may change. */
    record Snapshot(long executions, long scripts, Object profile, long users) {
    }

    @Test
    void noOperationAnswersBadInputWithA5xxALeakOrAStateChange() throws IOException {
        JsonNode contract = contract();
        List<Operation> operations = operations(contract);
        assertThat(operations).hasSizeGreaterThanOrEqualTo(70);
        WebClient anonymous = ApiClient.anonymous(port).http();
        WebClient user = ApiClient.as(port, "user", "user123").http();
        WebClient admin = ApiClient.as(port, "admin", "admin123").http();
        String userId = users.byUsername("user").orElseThrow().userId();
        Snapshot before = snapshot(userId);

        int sent = 0;
        for (WebClient client : List.of(anonymous, user, admin)) {
            sent += wrongMethods(client, operations);
            for (Operation operation : operations) {
                if (operation.path().equals("/api/v1/auth/logout") && client != anonymous) {
                    continue; // would end the session the rest of the walk needs
                }
                sent += absurdPathValues(client, operation);
                sent += absurdQueryValues(client, operation);
                sent += badBodies(client, operation, contract);
            }
        }

        assertThat(sent).isGreaterThan(1000);
        assertThat(snapshot(userId)).isEqualTo(before);
    }

    private int wrongMethods(WebClient client, List<Operation> operations) {
        Map<String, Set<HttpMethod>> byPath = operations.stream().collect(Collectors.groupingBy(Operation::path,
                LinkedHashMap::new, Collectors.mapping(Operation::method, Collectors.toSet())));
        int sent = 0;
        for (Map.Entry<String, Set<HttpMethod>> path : byPath.entrySet()) {
            for (HttpMethod method : METHODS) {
                if (!path.getValue().contains(method)) {
                    HttpReply reply = check(client, method, uri(path.getKey(), Map.of(), Map.of()), MediaType.APPLICATION_JSON, "{}");
                    assertThat(reply.status()).as("%s %s: %s", method, path.getKey(), reply).isIn(401, 403, 404, 405);
                    sent++;
                }
            }
        }
        return sent;
    }

    private int absurdPathValues(WebClient client, Operation operation) {
        List<JsonNode> parameters = operation.parameters("path");
        if (parameters.isEmpty()) {
            return 0;
        }
        int sent = 0;
        for (String value : ABSURD_IDS) {
            Map<String, String> path = new LinkedHashMap<>();
            parameters.forEach(parameter -> path.put(parameter.path("name").asText(), value));
            check(client, operation.method(), uri(operation.path(), path, Map.of()), null, null);
            sent++;
        }
        return sent;
    }

    private int absurdQueryValues(WebClient client, Operation operation) {
        if (operation.streams() && operation.parameters("path").isEmpty()) {
            return 0; // a valid stream never ends by itself
        }
        int sent = 0;
        for (JsonNode parameter : operation.parameters("query")) {
            for (String value : ABSURD_QUERY_VALUES) {
                check(client, operation.method(), uri(operation.path(), Map.of(),
                        Map.of(parameter.path("name").asText(), value)), null, null);
                sent++;
            }
        }
        return sent;
    }

    private int badBodies(WebClient client, Operation operation, JsonNode contract) {
        if (!operation.hasBody() && operation.parameters("path").isEmpty()) {
            return 0; // the body is ignored, so the request is valid: nothing to fuzz
        }
        URI target = uri(operation.path(), Map.of(), Map.of());
        List<String> bodies = new ArrayList<>(MALFORMED_BODIES);
        bodies.addAll(wrongTypedBodies(operation, contract));
        int sent = 0;
        for (String body : bodies) {
            check(client, operation.method(), target, MediaType.APPLICATION_JSON, body);
            sent++;
        }
        check(client, operation.method(), target, MediaType.TEXT_PLAIN, "plain text");
        check(client, operation.method(), target, MediaType.APPLICATION_FORM_URLENCODED, "a=b&grant_type=bogus");
        check(client, operation.method(), target, MediaType.APPLICATION_FORM_URLENCODED, "username=%00&password=%00");
        return sent + 3;
    }

    /** For each property of the body's schema, a body where that property (alone) has a value of the wrong type. */
    private static List<String> wrongTypedBodies(Operation operation, JsonNode contract) {
        JsonNode content = operation.spec().path("requestBody").path("content");
        JsonNode schema = resolve(contract, content.elements().hasNext() ? content.elements().next().path("schema") : null);
        List<String> bodies = new ArrayList<>();
        if (schema == null) {
            return bodies;
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            ObjectNode body = JSON.createObjectNode();
            body.set(property.getKey(), wrongValueFor(resolve(contract, property.getValue())));
            bodies.add(body.toString());
        }
        return bodies;
    }

    private static JsonNode wrongValueFor(JsonNode schema) {
        if (schema == null) {
            return JSON.getNodeFactory().arrayNode().add(JSON.createObjectNode());
        }
        if (schema.has("enum")) {
            return JSON.getNodeFactory().textNode("no-such-value");
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> JSON.getNodeFactory().textNode("not a number");
            case "boolean" -> JSON.getNodeFactory().textNode("maybe");
            case "array" -> JSON.getNodeFactory().textNode("not a list");
            case "object" -> JSON.getNodeFactory().numberNode(7);
            default -> JSON.getNodeFactory().arrayNode().add(JSON.createObjectNode());
        };
    }

    /** Follows {@code $ref} and takes the first non-null branch of {@code anyOf}. */
    private static JsonNode resolve(JsonNode contract, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        if (schema.has("$ref")) {
            return resolve(contract, contract.at(schema.path("$ref").asText().substring(1)));
        }
        if (schema.has("anyOf")) {
            for (JsonNode branch : schema.path("anyOf")) {
                if (!branch.path("type").asText().equals("null")) {
                    return resolve(contract, branch);
                }
            }
        }
        return schema;
    }

    private HttpReply check(WebClient client, HttpMethod method, URI uri, MediaType type, String body) {
        HttpReply reply = HttpReply.send(client, method, uri, type, body);
        assertThat(reply.status()).as("%s %s with %s: %s", method, uri, body, reply).isLessThan(500);
        reply.hasSecurityHeaders();
        if (reply.status() >= 400) {
            reply.leaksNothing();
        }
        return reply;
    }

    private URI uri(String template, Map<String, String> pathValues, Map<String, String> query) {
        String path = template;
        for (String name : parameterNames(template)) {
            String value = pathValues.getOrDefault(name, "fuzz-nonexistent");
            path = path.replace("{" + name + "}", UriUtils.encodePathSegment(value, StandardCharsets.UTF_8));
        }
        String queryString = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + UriUtils.encodeQueryParam(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create("http://127.0.0.1:" + port + path + (queryString.isEmpty() ? "" : "?" + queryString));
    }

    private static List<String> parameterNames(String template) {
        List<String> names = new ArrayList<>();
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', open + 1)) {
            names.add(template.substring(open + 1, template.indexOf('}', open)));
        }
        return names;
    }

    private Snapshot snapshot(String userId) {
        return new Snapshot(
                executions.list(new ListExecutions(userId, null, null, null, null, 0, 1)).block(Duration.ofSeconds(10)).total(),
                scripts.countOwnedBy(userId).block(Duration.ofSeconds(10)),
                users.byId(userId).orElseThrow(),
                users.count(null, null));
    }

    private static JsonNode contract() throws IOException {
        try (InputStream in = ApiFuzzTest.class.getResourceAsStream("/contract/openapi.json")) {
            return JSON.readTree(in);
        }
    }

    private static List<Operation> operations(JsonNode contract) {
        List<Operation> operations = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operations.add(new Operation(HttpMethod.valueOf(operation.getKey().toUpperCase()), path.getKey(),
                        operation.getValue()))));
        return operations;
    }
}
