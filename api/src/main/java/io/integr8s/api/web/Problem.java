package io.integr8s.api.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/**
 * A failure as the client receives it: status, extra headers (e.g. {@code Allow}) and one of the contract's bodies,
 * {@link ApiError} or {@link ValidationProblem}.
 */
public record Problem(HttpStatusCode status, HttpHeaders headers, Object body) {

    public Problem(HttpStatusCode status, Object body) {
        this(status, HttpHeaders.EMPTY, body);
    }

    public ResponseEntity<Object> toResponseEntity() {
        return ResponseEntity.status(status).headers(headers).body(body);
    }
}
