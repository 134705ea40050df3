package io.integr8s.api.notification;

import io.integr8s.api.metrics.SseMetrics;
import io.integr8s.api.shutdown.SseShutdown;
import io.integr8s.api.user.CurrentUserResolver;
import org.redisson.api.RTopic;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /events/notifications/stream}: the user's in-app notifications as {@code event: notification} while the
 * client stays, from whichever instance created them (Redis channel {@code notifications:<userId>}), with a heartbeat
 * comment every {@code integr8s.notifications.heartbeat}. Closed by the server only when the instance shuts down
 * (with a request to reconnect, {@link SseShutdown}). Live only, so without {@code id:} lines: there is nothing to
 * resume from, and a reconnecting client reads what it missed from {@code GET /notifications} (ADR 0015).
 */
@RestController
public class NotificationStreamController {

    private final NotificationTopics topics;
    private final CurrentUserResolver users;
    private final NotificationProperties properties;
    private final SseShutdown shutdown;
    private final SseMetrics metrics;

    public NotificationStreamController(NotificationTopics topics, CurrentUserResolver users,
                                        NotificationProperties properties, SseShutdown shutdown,
                                        SseMetrics metrics) {
        this.topics = topics;
        this.users = users;
        this.properties = properties;
        this.shutdown = shutdown;
        this.metrics = metrics;
    }

    @GetMapping(path = "/api/v1/events/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> stream(ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> subscribed(topics.of(user.id())))
                .map(live -> ResponseEntity.ok()
                        .header("Cache-Control", "no-cache")
                        .header("X-Accel-Buffering", "no")
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .body(metrics.tracked(SseMetrics.Stream.NOTIFICATION, shutdown.endOnShutdown(Flux.merge(
                                live.map(json -> ServerSentEvent.builder(json).event("notification").build()),
                                Flux.interval(properties.heartbeat())
                                        .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build()))))));
    }

    /** Listening before the response starts, so nothing published after the client connected is missed. */
    private static Mono<Flux<String>> subscribed(RTopic topic) {
        Sinks.Many<String> live = Sinks.many().multicast()
                .onBackpressureBuffer();
        return Mono.fromCompletionStage(topic.addListenerAsync(String.class,
                        (channel, message) -> live.tryEmitNext(message)))
                .map(listenerId -> live.asFlux().doFinally(signal -> topic.removeListenerAsync(listenerId)));
    }
}
