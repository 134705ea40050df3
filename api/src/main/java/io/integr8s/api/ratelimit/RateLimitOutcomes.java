package io.integr8s.api.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts each decision ({@code integr8s.ratelimit.decisions}, tagged {@code rule} = endpoint group and
 * {@code outcome} = allowed | throttled | fail_open, or disabled: the rule a request falls under while limiting is
 * switched off, so traffic per rule stays visible) and logs the limiter failing only when it starts failing and
 * when it works again, not once per request.
 */
@Component
class RateLimitOutcomes {

    static final String METRIC = "integr8s.ratelimit.decisions";

    private static final Logger log = LoggerFactory.getLogger(RateLimitOutcomes.class);

    private final MeterRegistry registry;
    private final AtomicBoolean failing = new AtomicBoolean();

    RateLimitOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    void decided(EndpointGroup group, Decision decision) {
        if (failing.compareAndSet(true, false)) {
            log.info("Rate limiting works again: the limiter answers; requests are counted and limited as configured");
        }
        count(group, decision.allowed() ? "allowed" : "throttled");
    }

    void failedOpen(EndpointGroup group, Throwable cause) {
        if (failing.compareAndSet(false, true)) {
            log.warn("Rate limiting suspended, requests are served unlimited until the limiter answers again: {}"
                    + " (check Redis at spring.data.redis.*; integr8s.rate-limit.redis-timeout bounds each call)",
                    cause.toString());
        }
        count(group, "fail_open");
    }

    void unlimited(EndpointGroup group) {
        count(group, "disabled");
    }

    private void count(EndpointGroup group, String outcome) {
        Counter.builder(METRIC).description("Rate-limit decisions by rule group and outcome")
                .tag("rule", group.wireName()).tag("outcome", outcome).register(registry).increment();
    }
}
