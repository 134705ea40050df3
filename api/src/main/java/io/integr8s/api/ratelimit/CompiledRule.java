package io.integr8s.api.ratelimit;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** A rule with its pattern compiled once. */
record CompiledRule(RateLimitRule rule, Pattern pattern) {

    /** Highest priority first; among equal priorities the listed order stays. */
    static List<CompiledRule> byPriority(List<RateLimitRule> rules) {
        return rules.stream()
                .sorted(Comparator.comparingInt(RateLimitRule::priority).reversed())
                .map(rule -> new CompiledRule(rule, Pattern.compile(rule.endpointPattern())))
                .toList();
    }

    /** Like Python's {@code re.match}: the pattern must match from the start of the route, not necessarily to its end. */
    boolean matches(String route) {
        return rule.enabled() && pattern.matcher(route).lookingAt();
    }
}
