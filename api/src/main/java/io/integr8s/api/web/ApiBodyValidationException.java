package io.integr8s.api.web;

import java.util.List;

/** A request body failed validation on one or more fields; answered with the contract's 422 listing all of them. */
public class ApiBodyValidationException extends RuntimeException {

    private final List<ValidationProblem.Violation> violations;

    public ApiBodyValidationException(List<ValidationProblem.Violation> violations) {
        super(violations.stream().map(ValidationProblem.Violation::msg).reduce((a, b) -> a + "; " + b).orElse(""));
        this.violations = List.copyOf(violations);
    }

    public List<ValidationProblem.Violation> violations() {
        return violations;
    }
}
