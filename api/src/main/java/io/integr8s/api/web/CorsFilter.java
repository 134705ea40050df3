package io.integr8s.api.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the CORS rules right after the security headers: answers preflights, adds the CORS headers to allowed
 * cross-origin requests, and refuses the others with 403 in the contract's shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CorsFilter implements WebFilter {

    private final CorsConfigurationSource source;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemWriter writer;

    public CorsFilter(CorsConfigurationSource source, ProblemWriter writer) {
        this.source = source;
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CorsConfiguration configuration = source.getCorsConfiguration(exchange);
        if (!processor.process(configuration, exchange)) {
            String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
            return writer.write(exchange, new Problem(HttpStatus.FORBIDDEN, new ApiError("Cross-origin request from '"
                    + origin + "' refused: its origin, method or headers are not allowed; an operator may allow the origin"
                    + " in integr8s.cors.allowed-origins (methods and headers: integr8s.cors.*)",
                    "CorsRejectedError")));
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }
}
