package io.integr8s.api.ratelimit;

import io.integr8s.api.web.ValidationProblem.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Every problem of a {@link RateLimitUpdateRequest}, as the contract's 422 violations (empty when it is fine). */
final class RateLimitUpdateValidation {

    static final int MAX_WINDOW_SECONDS = 86_400;

    private final List<Violation> violations = new ArrayList<>();

    private RateLimitUpdateValidation() {
    }

    static List<Violation> of(RateLimitUpdateRequest request) {
        RateLimitUpdateValidation validation = new RateLimitUpdateValidation();
        validation.check(request);
        return List.copyOf(validation.violations);
    }

    private void check(RateLimitUpdateRequest request) {
        Double multiplier = request.globalMultiplier();
        if (multiplier != null && !(multiplier > 0 && Double.isFinite(multiplier))) {
            add("greater_than", "Input should be greater than 0 (1.0 keeps the limits, 2.0 doubles them)", multiplier,
                    "global_multiplier");
        }
        if (request.notes() != null && request.notes().indexOf('\0') >= 0) {
            add("value_error", "notes cannot hold a NUL character; remove it", request.notes(), "notes");
        }
        List<RateLimitUpdateRequest.Rule> rules = request.rulesOrNone();
        for (int i = 0; i < rules.size(); i++) {
            RateLimitUpdateRequest.Rule rule = rules.get(i);
            if (rule == null) {
                add("model_type", "Each rule must be an object with endpoint_pattern, group, requests and window_seconds",
                        null, "rules", i);
            } else {
                check(rule, i);
            }
        }
    }

    private void check(RateLimitUpdateRequest.Rule rule, int index) {
        if (rule.endpointPattern() == null || rule.endpointPattern().isBlank()) {
            add("missing", "Field required: a regular expression for the route, e.g. ^/api/v1/execute$", rule.endpointPattern(),
                    "rules", index, "endpoint_pattern");
        } else if (rule.endpointPattern().indexOf('\0') >= 0) {
            add("value_error", "A route never holds a NUL character; remove it from the pattern", rule.endpointPattern(),
                    "rules", index, "endpoint_pattern");
        } else {
            try {
                Pattern.compile(rule.endpointPattern());
            } catch (PatternSyntaxException e) {
                add("value_error", "Not a valid regular expression (" + e.getDescription() + " near index "
                        + e.getIndex() + "); fix the pattern", rule.endpointPattern(), "rules", index, "endpoint_pattern");
            }
        }
        if (rule.group() == null) {
            add("missing", "Field required: one of " + EndpointGroup.wireNames(), null, "rules", index, "group");
        } else if (EndpointGroup.fromWireName(rule.group()).isEmpty()) {
            add("enum", "Input should be one of " + EndpointGroup.wireNames(), rule.group(), "rules", index, "group");
        }
        if (rule.requests() == null) {
            add("missing", "Field required: how many requests the window allows (at least 1)", null, "rules", index, "requests");
        } else if (rule.requests() < 1) {
            add("greater_than_equal", "Input should be greater than or equal to 1", rule.requests(), "rules", index, "requests");
        }
        if (rule.windowSeconds() == null) {
            add("missing", "Field required: the window in seconds (1 to " + MAX_WINDOW_SECONDS + ")", null,
                    "rules", index, "window_seconds");
        } else if (rule.windowSeconds() < 1 || rule.windowSeconds() > MAX_WINDOW_SECONDS) {
            add(rule.windowSeconds() < 1 ? "greater_than_equal" : "less_than_equal",
                    "Input should be between 1 and " + MAX_WINDOW_SECONDS + " seconds (one day)", rule.windowSeconds(),
                    "rules", index, "window_seconds");
        }
        if (rule.algorithm() != null && RateLimitAlgorithm.fromWireName(rule.algorithm()).isEmpty()) {
            add("enum", "Input should be one of " + RateLimitAlgorithm.wireNames()
                    + " (fixed_window and leaky_bucket are not offered)", rule.algorithm(), "rules", index, "algorithm");
        }
        Double burst = rule.burstMultiplier();
        if (burst != null && !(burst >= 1 && Double.isFinite(burst))) {
            add("greater_than_equal", "Input should be at least 1 (the bucket holds requests × burst_multiplier tokens)",
                    burst, "rules", index, "burst_multiplier");
        }
    }

    private void add(String type, String message, Object input, Object... field) {
        List<Object> location = new ArrayList<>();
        location.add("body");
        location.addAll(List.of(field));
        violations.add(new Violation(type, location, message, input));
    }
}
