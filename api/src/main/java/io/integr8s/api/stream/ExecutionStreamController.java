package io.integr8s.api.stream;

import io.integr8s.api.metrics.SseMetrics;
import io.integr8s.api.shutdown.SseShutdown;
import io.integr8s.api.user.CurrentUserResolver;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

@RestController
public class ExecutionStreamController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ExecutionEventStream stream;
    private final ExecutionAccess access;
    private final CurrentUserResolver users;
    private final SseShutdown shutdown;
    private final SseMetrics metrics;

    public ExecutionStreamController(ExecutionEventStream stream, ExecutionAccess access, CurrentUserResolver users,
                                     SseShutdown shutdown, SseMetrics metrics) {
        this.stream = stream;
        this.access = access;
        this.users = users;
        this.shutdown = shutdown;
        this.metrics = metrics;
    }

    @GetMapping(path = "/api/v1/events/executions/{executionId}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<ResponseEntity<Flux<ServerSentEvent<SseMessage>>>> events(
            @PathVariable String executionId,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            ServerWebExchange exchange) {
        return users.resolve(exchange)
                .flatMap(user -> access.historyFor(executionId, user))
                .then(Mono.defer(() -> stream.open(executionId, SseEventMapper.parseLastEventId(lastEventId))))
                .map(events -> ResponseEntity.ok()
                        .header("Cache-Control", "no-cache")
                        .header("X-Accel-Buffering", "no")
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .body(metrics.tracked(SseMetrics.Stream.EXECUTION,
                                shutdown.endOnShutdown(withHeartbeat(events)))));
    }

    private static Flux<ServerSentEvent<SseMessage>> withHeartbeat(Flux<StreamedEvent> events) {
        Flux<ServerSentEvent<SseMessage>> messages = events.map(streamed -> {
            ServerSentEvent.Builder<SseMessage> message = ServerSentEvent.builder(streamed.event());
            if (streamed.id() != null) {
                message.id(Long.toString(streamed.id()));
            }
            return message.build();
        });
        Flux<ServerSentEvent<SseMessage>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> ServerSentEvent.<SseMessage>builder().comment("heartbeat").build());
        return messages.publish(shared -> Flux.merge(shared, heartbeats.takeUntilOther(shared.then())));
    }
}
