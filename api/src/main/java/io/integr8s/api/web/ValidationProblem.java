package io.integr8s.api.web;

import java.util.List;

/** The contract's 422 body: {@code {"detail": [{"type", "loc", "msg", "input"}]}}. */
public record ValidationProblem(List<Violation> detail) {

    public record Violation(String type, List<Object> loc, String msg, Object input) {
    }

    public static ValidationProblem of(String field, String message, Object input) {
        return new ValidationProblem(List.of(new Violation("value_error", List.of("body", field), message, input)));
    }
}
