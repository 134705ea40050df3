package io.integr8s.api.ratelimit;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import java.util.List;
import java.util.Optional;

/**
 * The route template a request will be dispatched to ({@code /api/v1/executions/{executionId}/result}), chosen the
 * way the dispatcher chooses it. Unlike {@code getHandler} this has no side effect on the exchange (no attributes,
 * no CORS processing), so it is safe to ask before the dispatcher runs.
 */
@Component
class RouteTemplates {

    private final RequestMappingHandlerMapping mappings;
    private volatile List<RequestMappingInfo> routes;

    RouteTemplates(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    /** Empty when no controller route matches (the request ends as 404, 405 or 415). */
    Optional<String> of(ServerWebExchange exchange) {
        RequestMappingInfo best = null;
        for (RequestMappingInfo route : routes()) {
            RequestMappingInfo match = route.getMatchingCondition(exchange);
            if (match != null && (best == null || match.compareTo(best, exchange) < 0)) {
                best = match;
            }
        }
        return best == null ? Optional.empty()
                : best.getPatternsCondition().getPatterns().stream().findFirst().map(PathPattern::getPatternString);
    }

    /** The mappings are fixed once the context runs; {@code getHandlerMethods()} copies them on every call. */
    private List<RequestMappingInfo> routes() {
        List<RequestMappingInfo> known = routes;
        if (known == null) {
            known = List.copyOf(mappings.getHandlerMethods().keySet());
            routes = known;
        }
        return known;
    }
}
