package io.integr8s.api.web;

import org.springframework.http.HttpStatus;

/** A request that cannot be served, with the status, stable type and message the client receives. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    public ApiException(HttpStatus status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public static ApiException executionNotFound(String executionId) {
        return new ApiException(HttpStatus.NOT_FOUND, "ExecutionNotFoundError", "Execution '" + executionId + "' not found");
    }
}
