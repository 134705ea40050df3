package io.integr8s.executor.local;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.atomic.AtomicInteger;

/** How many sandbox processes run right now and the most ever seen at once; published as gauges. */
public final class SandboxActivity implements MeterBinder {

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    void started() {
        int now = active.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    void ended() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }

    public int peak() {
        return peak.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("integr8s.sandboxes.active", active, AtomicInteger::get)
                .description("Sandbox processes running on this executor").register(registry);
        Gauge.builder("integr8s.sandboxes.active.peak", peak, AtomicInteger::get)
                .description("Most sandbox processes seen running at once since start").register(registry);
    }
}
