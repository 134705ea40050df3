package io.integr8s.api.web;

import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.InvalidExecutionRequest;
import io.integr8s.query.execution.ExecutionNotFound;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Turns every failure into the contract's status and body. Used by {@link ProblemHandler} for failures inside a
 * handler and by {@link ProblemWebExceptionHandler} for those raised before one (filters, routing), so both answer
 * alike. Bodies never carry a stack trace or a Java class name.
 */
@Component
public class ProblemMapping {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);
    private static final String MAX_BODY = "10 MiB (spring.codec.max-in-memory-size)";

    private final JsonInputProblems jsonInput;

    public ProblemMapping(JsonInputProblems jsonInput) {
        this.jsonInput = jsonInput;
    }

    public Problem of(Throwable failure, ServerHttpRequest request) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof ApiException api) {
            return error(api.status(), api.type(), api.getMessage());
        }
        if (e instanceof ExecutionRuleViolation rule) {
            return error(HttpStatus.BAD_REQUEST, rule.type(), rule.getMessage());
        }
        if (e instanceof InvalidExecutionRequest invalid) {
            return unprocessable(ValidationProblem.of(invalid.field(), invalid.getMessage(), invalid.input()));
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return api(ApiException.executionNotFound(String.valueOf(notFound.getAggregateIdentifier())));
        }
        if (e instanceof ExecutionNotFound notProjected) {
            return api(ApiException.executionNotFound(notProjected.executionId()));
        }
        if (e instanceof ApiValidationException invalid) {
            return unprocessable(new ValidationProblem(List.of(new ValidationProblem.Violation(
                    "value_error", List.of(invalid.where(), invalid.parameter()), invalid.getMessage(), invalid.input()))));
        }
        if (e instanceof ApiBodyValidationException invalid) {
            return unprocessable(new ValidationProblem(invalid.violations()));
        }
        if (e instanceof HandlerMethodValidationException invalid) {
            return unprocessable(new ValidationProblem(invalid.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream().map(error -> new ValidationProblem.Violation(
                            "value_error", List.<Object>of("query", String.valueOf(result.getMethodParameter().getParameterName())),
                            error.getDefaultMessage(), result.getArgument())))
                    .toList()));
        }
        if (e instanceof ConstraintViolationException invalid) {
            return unprocessable(new ValidationProblem(invalid.getConstraintViolations().stream()
                    .map(ProblemMapping::parameterViolation).toList()));
        }
        if (e instanceof WebExchangeBindException invalid) {
            return unprocessable(new ValidationProblem(invalid.getFieldErrors().stream()
                    .map(error -> new ValidationProblem.Violation("value_error", List.of("body", error.getField()),
                            error.getDefaultMessage(), error.getRejectedValue()))
                    .toList()));
        }
        if (e instanceof PayloadTooLargeException) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "PayloadTooLargeError",
                    "Request body too large; the limit is " + MAX_BODY + "; send a smaller body");
        }
        if (e instanceof ServerWebInputException unreadable) {
            return unprocessable(new ValidationProblem(List.of(jsonInput.violation(unreadable))));
        }
        if (e instanceof UnsupportedMediaTypeStatusException unsupported) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaTypeError", "Content type '"
                    + unsupported.getContentType() + "' is not accepted here; send " + join(unsupported.getSupportedMediaTypes()));
        }
        if (e instanceof MethodNotAllowedException notAllowed) {
            return new Problem(HttpStatus.METHOD_NOT_ALLOWED, notAllowed.getHeaders(), new ApiError("Method "
                    + request.getMethod() + " is not allowed on " + request.getPath().value() + "; use "
                    + notAllowed.getSupportedMethods().stream().map(HttpMethod::name).sorted()
                    .collect(Collectors.joining(", ")), "MethodNotAllowedError"));
        }
        if (e instanceof NotAcceptableStatusException notAcceptable) {
            return error(HttpStatus.NOT_ACCEPTABLE, "NotAcceptableError", "No response in an accepted media type; accept "
                    + join(notAcceptable.getSupportedMediaTypes()));
        }
        if (e instanceof ResponseStatusException status && status.getStatusCode().value() == 404) {
            return error(HttpStatus.NOT_FOUND, "NotFoundError", "No endpoint at " + request.getMethod() + " "
                    + request.getPath().value() + "; check the path against the API contract");
        }
        if (e instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            HttpStatus known = HttpStatus.resolve(status.getStatusCode().value());
            String reason = known == null ? "Request refused" : known.getReasonPhrase();
            return new Problem(status.getStatusCode(), status.getHeaders(),
                    new ApiError(reason + "; check the request against the API contract", "HttpError"));
        }
        log.error("Request {} {} failed unexpectedly", request.getMethod(), request.getPath().value(), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "InternalServerError",
                "Internal server error; the failure was logged with its cause");
    }

    /** A {@code @Validated} controller's parameter constraint, e.g. {@code limit=-1}; the path ends in its name. */
    private static ValidationProblem.Violation parameterViolation(ConstraintViolation<?> violation) {
        String parameter = "";
        for (Path.Node node : violation.getPropertyPath()) {
            parameter = node.getName();
        }
        return new ValidationProblem.Violation("value_error", List.of("query", parameter),
                "Input " + violation.getMessage() + "; correct '" + parameter + "'", violation.getInvalidValue());
    }

    private static Problem api(ApiException e) {
        return error(e.status(), e.type(), e.getMessage());
    }

    private static Problem error(HttpStatus status, String type, String detail) {
        return new Problem(status, new ApiError(detail, type));
    }

    private static Problem unprocessable(ValidationProblem problem) {
        return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, problem);
    }

    private static String join(List<?> mediaTypes) {
        return mediaTypes.isEmpty() ? "a supported type" : mediaTypes.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    }
}
