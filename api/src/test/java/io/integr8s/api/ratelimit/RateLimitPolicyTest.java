package io.integr8s.api.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which rule decides, and how a user's multiplier scales it. */
class RateLimitPolicyTest {

    private static RateLimitRule rule(String pattern, EndpointGroup group, int requests, int priority, boolean enabled) {
        return new RateLimitRule(pattern, group, requests, 60, RateLimitAlgorithm.SLIDING_WINDOW, 1.5, priority, enabled);
    }

    private final RateLimitPolicy policy = new RateLimitPolicy(new RateLimitProperties(true, Duration.ofMillis(250),
            Duration.ofSeconds(30), List.of(
                    rule("^/api/v1/", EndpointGroup.API, 60, 1, true),
                    rule("^/api/v1/execute$", EndpointGroup.EXECUTION, 10, 10, true),
                    rule("^/api/v1/admin/", EndpointGroup.ADMIN, 100, 5, true))));

    private static Optional<ActiveOverride> override(double multiplier, RateLimitRule... rules) {
        return Optional.of(ActiveOverride.of(new UserRateLimitConfig("u", false, multiplier, List.of(rules),
                Instant.EPOCH, Instant.EPOCH, null)));
    }

    @Test
    void theHighestPriorityMatchingDefaultDecides() {
        assertThat(policy.limitFor("/api/v1/execute", Optional.empty())).get()
                .extracting(EffectiveLimit::group, EffectiveLimit::requests).containsExactly(EndpointGroup.EXECUTION, 10L);
        assertThat(policy.limitFor("/api/v1/executions/{executionId}/result", Optional.empty())).get()
                .extracting(EffectiveLimit::group).isEqualTo(EndpointGroup.API);
        assertThat(policy.defaults()).extracting(RateLimitRule::priority).containsExactly(10, 5, 1);
    }

    @Test
    void aPatternMatchesFromTheStartOfTheRouteOnly() {
        assertThat(policy.limitFor("/api/v1/execute/more", Optional.empty())).get()
                .extracting(EffectiveLimit::group).isEqualTo(EndpointGroup.API);
        assertThat(policy.limitFor("/other/api/v1/admin/x", Optional.empty())).isEmpty();
    }

    @Test
    void aUsersOwnRulesComeBeforeEveryDefaultAndDisabledOnesAreSkipped() {
        Optional<ActiveOverride> override = override(1.0,
                rule("^/api/v1/execute$", EndpointGroup.EXECUTION, 1000, -5, false),
                rule("^/api/v1/ex", EndpointGroup.EXECUTION, 3, 0, true));

        assertThat(policy.limitFor("/api/v1/execute", override)).get().extracting(EffectiveLimit::requests).isEqualTo(3L);
        assertThat(policy.limitFor("/api/v1/admin/users/", override)).get().extracting(EffectiveLimit::requests).isEqualTo(100L);
    }

    @Test
    void theMultiplierScalesEveryRuleButNeverBelowOneRequest() {
        assertThat(policy.limitFor("/api/v1/execute", override(2.5))).get()
                .extracting(EffectiveLimit::requests).isEqualTo(25L);
        assertThat(policy.limitFor("/api/v1/execute", override(0.01))).get()
                .extracting(EffectiveLimit::requests).isEqualTo(1L);
        RateLimitRule bucket = new RateLimitRule("^/", EndpointGroup.API, 10, 60, RateLimitAlgorithm.TOKEN_BUCKET, 1.5, 0, true);
        assertThat(EffectiveLimit.of(bucket, 0.5)).extracting(EffectiveLimit::requests, EffectiveLimit::capacity)
                .containsExactly(5L, 7L);
    }

    @Test
    void aConfiguredRuleWithoutAWindowStopsTheStart() {
        RateLimitProperties broken = new RateLimitProperties(true, Duration.ofMillis(250), Duration.ofSeconds(30),
                List.of(new RateLimitRule("^/", EndpointGroup.API, 10, 0, RateLimitAlgorithm.TOKEN_BUCKET, 1.5, 0, true)));

        assertThatThrownBy(() -> new RateLimitPolicy(broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("window-seconds >= 1");
    }
}
