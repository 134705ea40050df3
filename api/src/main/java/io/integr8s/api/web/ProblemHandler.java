package io.integr8s.api.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every failure of a handler, and of routing to one (unknown path, wrong method or content type), with the
 * contract's error bodies; no stack trace ever reaches a client.
 */
@RestControllerAdvice
public class ProblemHandler {

    private final ProblemMapping problems;

    public ProblemHandler(ProblemMapping problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Throwable.class)
    ResponseEntity<Object> handle(Throwable failure, ServerWebExchange exchange) {
        return problems.of(failure, exchange.getRequest()).toResponseEntity();
    }
}
