package io.integr8s.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The meters of ended executions: {@code integr8s.executions{lang,status,error_type}}, the phase durations
 * {@code integr8s.execution.phase{phase}}, {@code integr8s.sandbox.start} and
 * {@code integr8s.output.truncations{stream}}. Durations are histograms over fixed buckets (Prometheus
 * {@code _bucket} series), from 10 ms to 5 minutes.
 */
@Component
class ExecutionMeters {

    static final String EXECUTIONS = "integr8s.executions";
    static final String PHASE = "integr8s.execution.phase";
    static final String SANDBOX_START = "integr8s.sandbox.start";
    static final String TRUNCATIONS = "integr8s.output.truncations";

    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Counter stdoutTruncations;
    private final Counter stderrTruncations;

    ExecutionMeters(MeterRegistry registry) {
        this.registry = registry;
        this.stdoutTruncations = truncations("stdout");
        this.stderrTruncations = truncations("stderr");
    }

    void record(ExecutionTimeline run) {
        Counter.builder(EXECUTIONS).description("Ended executions by language, status and error type")
                .tag("lang", run.lang()).tag("status", run.status().wireName()).tag("error_type", run.errorType())
                .register(registry).increment();
        phase("queued_to_scheduled", run.queuedToScheduled());
        phase("scheduled_to_running", run.scheduledToRunning());
        phase("running_to_terminal", run.runningToTerminal());
        phase("submit_to_terminal", run.submitToTerminal());
        run.sandboxStart().ifPresent(duration -> histogram(Timer.builder(SANDBOX_START)
                .description("From the sandbox (process or pod) being created to the script running in it"))
                .record(duration));
        if (run.stdoutTruncated()) {
            stdoutTruncations.increment();
        }
        if (run.stderrTruncated()) {
            stderrTruncations.increment();
        }
    }

    private void phase(String name, Optional<Duration> duration) {
        duration.ifPresent(took -> histogram(Timer.builder(PHASE).tag("phase", name)
                .description("Time an execution spent between two stages of its lifecycle")).record(took));
    }

    private Timer histogram(Timer.Builder timer) {
        return timer.serviceLevelObjectives(BUCKETS).register(registry);
    }

    private Counter truncations(String stream) {
        return Counter.builder(TRUNCATIONS).description("Runs whose output stream was cut at the output limit")
                .tag("stream", stream).register(registry);
    }
}
