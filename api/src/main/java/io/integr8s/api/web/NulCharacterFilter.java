package io.integr8s.api.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Refuses a NUL character ({@code %00}) in the path or a query parameter with a 422 before any handler sees it: it is
 * never meaningful in a URL, and PostgreSQL text cannot hold it (a lookup would fail as a server error).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class NulCharacterFilter implements WebFilter {

    private static final String NUL = "\u0000";
    private static final String MESSAGE = "NUL characters (%00) are not allowed; remove them";

    private final ProblemWriter writer;

    public NulCharacterFilter(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        for (PathContainer.Element element : request.getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment && segment.valueToMatch().contains(NUL)) {
                return refuse(exchange, List.of("path"), segment.value());
            }
        }
        for (Map.Entry<String, List<String>> parameter : request.getQueryParams().entrySet()) {
            if (parameter.getKey().contains(NUL) || parameter.getValue().stream().anyMatch(value -> value != null && value.contains(NUL))) {
                return refuse(exchange, List.of("query", parameter.getKey()), String.join(",", parameter.getValue()));
            }
        }
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, List<Object> loc, String input) {
        return writer.write(exchange, new Problem(HttpStatus.UNPROCESSABLE_ENTITY, new ValidationProblem(List.of(
                new ValidationProblem.Violation("value_error", loc, MESSAGE, input)))));
    }
}
