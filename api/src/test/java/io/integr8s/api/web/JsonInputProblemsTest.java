package io.integr8s.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.execution.api.Priority;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Unreadable bodies as WebFlux reports them (a decoding failure inside a ServerWebInputException). */
class JsonInputProblemsTest {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Rule(int windowSeconds, Priority priority, List<Step> steps) {
    }

    record Step(boolean enabled) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final JsonInputProblems problems = new JsonInputProblems(json);

    private ValidationProblem.Violation violationFor(String body) {
        Throwable decoding = catchThrowable(() -> new Jackson2JsonDecoder(json)
                .decodeToMono(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8))),
                        ResolvableType.forClass(Rule.class), MediaType.APPLICATION_JSON, Map.of())
                .block());
        assertThat(decoding).as("decoding %s", body).isNotNull();
        return problems.violation(new ServerWebInputException("Failed to read HTTP message", null, decoding));
    }

    @Test
    void aWordWhereANumberBelongsPointsAtTheFieldAndAsksForAnInteger() {
        ValidationProblem.Violation violation = violationFor("{\"window_seconds\": \"sixty\"}");

        assertThat(violation.loc()).containsExactly("body", "window_seconds");
        assertThat(violation.msg()).isEqualTo("Input should be an integer; correct 'window_seconds'");
        assertThat(violation.input()).isEqualTo("sixty");
    }

    @Test
    void anUnknownEnumValueListsTheWireNames() {
        ValidationProblem.Violation violation = violationFor("{\"priority\": \"urgent\"}");

        assertThat(violation.loc()).containsExactly("body", "priority");
        assertThat(violation.msg()).contains("one of critical, high, normal, low, background");
    }

    @Test
    void aWrongTypeInsideAListPointsAtItsIndex() {
        ValidationProblem.Violation violation = violationFor("{\"steps\": [{\"enabled\": true}, {\"enabled\": [1]}]}");

        assertThat(violation.loc()).containsExactly("body", "steps", 1, "enabled");
        assertThat(violation.msg()).contains("a boolean");
    }

    @Test
    void anArrayInsteadOfTheObjectPointsAtTheBody() {
        ValidationProblem.Violation violation = violationFor("[1, 2]");

        assertThat(violation.loc()).containsExactly("body");
        assertThat(violation.msg()).contains("a JSON object");
    }

    @Test
    void brokenJsonSaysWhereItBreaks() {
        ValidationProblem.Violation violation = violationFor("{\"priority\": ");

        assertThat(violation.type()).isEqualTo("json_invalid");
        assertThat(violation.msg()).contains("not valid JSON");
    }

    @Test
    void noMessageNamesAJavaType() {
        for (String body : List.of("{\"window_seconds\": {}}", "{\"priority\": 5}", "{\"steps\": 1}", "\"text\"")) {
            assertThat(violationFor(body).msg()).as(body).doesNotContain("java", "integr8s", "Rule", "Step", "`");
        }
    }
}
