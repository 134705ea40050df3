package io.integr8s.api.ratelimit;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Which limit applies to a route: the user's own rules first, then the defaults, each by priority. */
@Component
class RateLimitPolicy {

    private final List<CompiledRule> defaults;

    RateLimitPolicy(RateLimitProperties properties) {
        properties.rules().stream()
                .filter(rule -> rule.endpointPattern() == null || rule.group() == null || rule.requests() < 1
                        || rule.windowSeconds() < 1 || !(rule.burstMultiplier() >= 1))
                .findFirst().ifPresent(rule -> {
                    throw new IllegalStateException("integr8s.rate-limit.rules: " + rule + " is incomplete; each rule"
                            + " needs endpoint-pattern, group, requests >= 1, window-seconds >= 1, burst-multiplier >= 1");
                });
        this.defaults = CompiledRule.byPriority(properties.rules());
    }

    /** The default rules, highest priority first. */
    List<RateLimitRule> defaults() {
        return defaults.stream().map(CompiledRule::rule).toList();
    }

    /** Empty when no enabled rule matches: the route is not limited. */
    Optional<EffectiveLimit> limitFor(String route, Optional<ActiveOverride> override) {
        double multiplier = override.map(o -> o.config().globalMultiplier()).orElse(1.0);
        return Stream.concat(override.map(ActiveOverride::rules).orElse(List.of()).stream(), defaults.stream())
                .filter(rule -> rule.matches(route))
                .findFirst()
                .map(rule -> EffectiveLimit.of(rule.rule(), multiplier));
    }
}
