package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.CurrentUserResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Limits every {@code /api/} request but the health endpoints, keyed by the user (the client address when
 * anonymous) and the route template. Allowed responses carry {@code X-RateLimit-Limit/-Remaining/-Reset}; a throttled
 * request gets the contract's 429. Whatever goes wrong in deciding (Redis down or slow, PostgreSQL unreadable), the
 * request is served: rate limiting protects the service and must never be the reason it fails.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    /** Right after Spring Security's WebFilterChainProxy (order -100): by then the request's user is known. */
    static final int ORDER = -100 + 1;

    private static final List<PathPattern> NEVER_LIMITED = List.of(
            PathPatternParser.defaultInstance.parse("/api/v1/health/**"),
            PathPatternParser.defaultInstance.parse("/actuator/**"));
    /** One counter for every request no route matches (404, 405, 415), so unknown paths cannot mint keys. */
    private static final String UNMATCHED_ROUTE = "(unmatched)";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Throttled(String detail, long retryAfter, Instant resetAt) {
    }

    private record Applied(Subject subject, Optional<ActiveOverride> override) {

        boolean bypass() {
            return override.map(o -> o.config().bypassRateLimit()).orElse(false);
        }
    }

    private final RateLimitProperties properties;
    private final RouteTemplates routes;
    private final RateLimitPolicy policy;
    private final RateLimitOverrides overrides;
    private final RateLimitCounters counters;
    private final RateLimitOutcomes outcomes;
    private final CurrentUserResolver users;
    private final ObjectMapper json;

    RateLimitFilter(RateLimitProperties properties, RouteTemplates routes, RateLimitPolicy policy,
                    RateLimitOverrides overrides, RateLimitCounters counters, RateLimitOutcomes outcomes,
                    CurrentUserResolver users, ObjectMapper json) {
        this.properties = properties;
        this.routes = routes;
        this.policy = policy;
        this.overrides = overrides;
        this.counters = counters;
        this.outcomes = outcomes;
        this.users = users;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (!path.value().startsWith("/api/") || NEVER_LIMITED.stream().anyMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        Optional<String> template = routes.of(exchange);
        String route = template.orElse(path.value());
        if (!properties.enabled()) {
            policy.limitFor(route, Optional.empty()).ifPresent(limit -> outcomes.unlimited(limit.group()));
            return chain.filter(exchange);
        }
        String counted = template.orElse(UNMATCHED_ROUTE);
        return decide(exchange, route, counted).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(decision -> decision
                        .map(d -> d.allowed() ? allow(exchange, chain, d) : throttle(exchange, d))
                        .orElseGet(() -> chain.filter(exchange)));
    }

    /** Empty when the request is not limited: no rule matches, the user bypasses limits, or deciding failed. */
    private Mono<Decision> decide(ServerWebExchange exchange, String route, String counted) {
        return users.optional(exchange)
                .flatMap(user -> overrides.active(user.id()).map(override -> new Applied(Subject.user(user.id()), override)))
                .defaultIfEmpty(new Applied(Subject.address(clientAddress(exchange)), Optional.empty()))
                .filter(applied -> !applied.bypass())
                .flatMap(applied -> Mono.justOrEmpty(policy.limitFor(route, applied.override()))
                        .flatMap(limit -> counters.consume(applied.subject(), counted, limit)
                                .timeout(properties.redisTimeout(), Mono.error(() -> new TimeoutException(
                                        "Redis gave no answer within " + properties.redisTimeout().toMillis() + " ms")))
                                .doOnNext(decision -> outcomes.decided(limit.group(), decision))
                                .onErrorResume(error -> failOpen(limit.group(), error))))
                // the user's override could not be read: count it under the group the defaults give the route
                .onErrorResume(error -> failOpen(policy.limitFor(route, Optional.empty()).map(EffectiveLimit::group)
                        .orElse(EndpointGroup.API), error));
    }

    private Mono<Decision> failOpen(EndpointGroup group, Throwable error) {
        outcomes.failedOpen(group, error);
        return Mono.empty();
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private Mono<Void> allow(ServerWebExchange exchange, WebFilterChain chain, Decision decision) {
        limitHeaders(exchange.getResponse().getHeaders(), decision, wholeSecondAfter(decision.resetAt()));
        return chain.filter(exchange);
    }

    private Mono<Void> throttle(ServerWebExchange exchange, Decision decision) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        Instant resetAt = wholeSecondAfter(decision.retryAt());
        limitHeaders(headers, decision, resetAt);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        headers.setContentType(MediaType.APPLICATION_JSON);
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        byte[] body;
        try {
            body = json.writeValueAsBytes(new Throttled("Rate limit exceeded", decision.retryAfterSeconds(), resetAt));
        } catch (JsonProcessingException e) {
            return Mono.error(new IllegalStateException("The 429 body could not be written", e));
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static void limitHeaders(HttpHeaders headers, Decision decision, Instant reset) {
        headers.set("X-RateLimit-Limit", Long.toString(decision.limit()));
        headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(reset.getEpochSecond()));
    }

    private static Instant wholeSecondAfter(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.SECONDS);
        return truncated.equals(instant) ? instant : truncated.plusSeconds(1);
    }
}
