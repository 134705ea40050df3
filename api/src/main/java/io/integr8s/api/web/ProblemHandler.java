package io.integr8s.api.web;

import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.InvalidExecutionRequest;
import io.integr8s.query.execution.ExecutionNotFound;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ServerWebInputException;

import java.util.List;
import java.util.concurrent.CompletionException;

/** Maps every failure to the contract's error bodies; no stack trace ever reaches a client. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String MAX_BODY = "10 MiB (spring.codec.max-in-memory-size)";

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<?> unwrap(CompletionException wrapped) {
        Throwable cause = wrapped.getCause();
        if (cause instanceof ApiException e) {
            return api(e);
        }
        if (cause instanceof ExecutionRuleViolation e) {
            return rule(e);
        }
        if (cause instanceof InvalidExecutionRequest e) {
            return invalid(e);
        }
        if (cause instanceof ExecutionNotFound e) {
            return notProjected(e);
        }
        if (cause instanceof AggregateNotFoundException e) {
            return notFound(e);
        }
        return unexpected(cause == null ? wrapped : cause);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.getMessage(), e.type()));
    }

    @ExceptionHandler(ExecutionRuleViolation.class)
    ResponseEntity<ApiError> rule(ExecutionRuleViolation e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage(), e.type()));
    }

    @ExceptionHandler(InvalidExecutionRequest.class)
    ResponseEntity<ValidationProblem> invalid(InvalidExecutionRequest e) {
        return ResponseEntity.unprocessableEntity().body(ValidationProblem.of(e.field(), e.getMessage(), e.input()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ApiError> notFound(AggregateNotFoundException e) {
        return api(ApiException.executionNotFound(String.valueOf(e.getAggregateIdentifier())));
    }

    @ExceptionHandler(ExecutionNotFound.class)
    ResponseEntity<ApiError> notProjected(ExecutionNotFound e) {
        return api(ApiException.executionNotFound(e.executionId()));
    }

    @ExceptionHandler(ApiValidationException.class)
    ResponseEntity<ValidationProblem> invalidParameter(ApiValidationException e) {
        return ResponseEntity.unprocessableEntity().body(new ValidationProblem(List.of(
                new ValidationProblem.Violation("value_error", List.of(e.where(), e.parameter()), e.getMessage(), e.input()))));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ValidationProblem> invalidParameters(HandlerMethodValidationException e) {
        List<ValidationProblem.Violation> violations = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new ValidationProblem.Violation(
                        "value_error", List.<Object>of("query", String.valueOf(result.getMethodParameter().getParameterName())),
                        error.getDefaultMessage(), result.getArgument())))
                .toList();
        return ResponseEntity.unprocessableEntity().body(new ValidationProblem(violations));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ValidationProblem> binding(WebExchangeBindException e) {
        List<ValidationProblem.Violation> violations = e.getFieldErrors().stream()
                .map(error -> new ValidationProblem.Violation("value_error", List.of("body", error.getField()),
                        error.getDefaultMessage(), error.getRejectedValue()))
                .toList();
        return ResponseEntity.unprocessableEntity().body(new ValidationProblem(violations));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(new ApiError(
                "Request body too large; the limit is " + MAX_BODY + "; send a smaller body", "PayloadTooLargeError"));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ValidationProblem> unreadable(ServerWebInputException e) {
        String where = e.getMethodParameter() == null ? "body" : e.getMethodParameter().getParameterName();
        return ResponseEntity.unprocessableEntity().body(new ValidationProblem(List.of(new ValidationProblem.Violation(
                "value_error", List.of(where == null ? "body" : where), "Invalid request: " + e.getReason(), null))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Throwable e) {
        log.error("Request failed unexpectedly", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError("Internal server error; the failure was logged with its cause", "InternalServerError"));
    }
}
