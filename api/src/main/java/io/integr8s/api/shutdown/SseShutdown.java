package io.integr8s.api.shutdown;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;

/**
 * Ends every open SSE stream when this instance begins to shut down, first of all (so the web server's graceful
 * shutdown is not held up by streams that never end by themselves): the last message asks the client to reconnect
 * soon; the load balancer sends it to another instance, where {@code Last-Event-ID} resumes an execution stream
 * without a gap or a duplicate.
 */
@Component
public class SseShutdown implements SmartLifecycle {

    static final Duration RECONNECT_AFTER = Duration.ofMillis(500);

    private final Sinks.Empty<Void> shuttingDown = Sinks.empty();
    private volatile boolean running;

    /** The stream, ended with a reconnect request when the instance shuts down. */
    public <T> Flux<ServerSentEvent<T>> endOnShutdown(Flux<ServerSentEvent<T>> stream) {
        return stream.takeUntilOther(shuttingDown.asMono())
                .concatWith(Mono.fromSupplier(() -> running ? null : ServerSentEvent.<T>builder()
                        .retry(RECONNECT_AFTER)
                        .comment("this instance is shutting down: reconnect (with Last-Event-ID) to continue")
                        .build()));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        shuttingDown.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
