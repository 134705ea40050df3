package io.integr8s.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code integr8s.sse.connections{stream}} (streams open on this instance) and {@code integr8s.sse.events{stream}}
 * (events sent on them, heartbeat comments not counted), for the execution and the notification streams.
 */
@Component
public class SseMetrics {

    public enum Stream {
        EXECUTION, NOTIFICATION;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String CONNECTIONS = "integr8s.sse.connections";
    static final String EVENTS = "integr8s.sse.events";

    private final Map<Stream, AtomicInteger> open = new EnumMap<>(Stream.class);
    private final Map<Stream, Counter> sent = new EnumMap<>(Stream.class);

    SseMetrics(MeterRegistry registry) {
        for (Stream stream : Stream.values()) {
            AtomicInteger connections = new AtomicInteger();
            open.put(stream, connections);
            Gauge.builder(CONNECTIONS, connections, AtomicInteger::get).description("SSE streams open on this instance")
                    .tag("stream", stream.tag()).register(registry);
            sent.put(stream, Counter.builder(EVENTS).description("Events sent on SSE streams (heartbeats not counted)")
                    .tag("stream", stream.tag()).register(registry));
        }
    }

    /** The same events, counted while a client is subscribed to them. */
    public <T> Flux<ServerSentEvent<T>> tracked(Stream stream, Flux<ServerSentEvent<T>> events) {
        AtomicInteger connections = open.get(stream);
        Counter counter = sent.get(stream);
        return events
                .doOnNext(event -> {
                    if (event.comment() == null) {
                        counter.increment();
                    }
                })
                .doOnSubscribe(subscription -> connections.incrementAndGet())
                .doFinally(signal -> connections.decrementAndGet());
    }
}
