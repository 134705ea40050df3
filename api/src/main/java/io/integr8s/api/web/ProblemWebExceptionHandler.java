package io.integr8s.api.web;

import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Failures that never reach a controller (raised by a filter, or while routing) get the same contract bodies as
 * those that do. Replaces Spring Boot's default error handler, whose body has another shape; ordered before
 * Spring's own status handlers.
 */
@Component
@Order(-2)
public class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

    private final ProblemMapping problems;
    private final ProblemWriter writer;

    public ProblemWebExceptionHandler(ProblemMapping problems, ProblemWriter writer) {
        this.problems = problems;
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        return writer.write(exchange, problems.of(failure, exchange.getRequest()));
    }
}
