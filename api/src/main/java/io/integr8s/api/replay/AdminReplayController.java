package io.integr8s.api.replay;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.events.EventViews;
import io.integr8s.api.events.StoredEvents;
import io.integr8s.api.shutdown.SseShutdown;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The admin events' replay (contract: admin-events): a dry run (the default) counts and previews the events of a
 * filter without side effects; otherwise a replay session to Kafka is created and started, and its status streams
 * over SSE until it ends. Admins only, by the security path rule on {@code /api/v1/admin/**}.
 */
@RestController
@RequestMapping("/api/v1/admin/events/replay")
class AdminReplayController {

    private final ReplaySessions sessions;
    private final StoredEvents events;
    private final EventViews views;
    private final ReplayProperties properties;
    private final CurrentUserResolver users;
    private final SseShutdown shutdown;
    private final Clock clock = Clock.systemUTC();

    AdminReplayController(ReplaySessions sessions, StoredEvents events, EventViews views, ReplayProperties properties,
                          CurrentUserResolver users, SseShutdown shutdown) {
        this.sessions = sessions;
        this.events = events;
        this.views = views;
        this.properties = properties;
        this.users = users;
        this.shutdown = shutdown;
    }

    /** The contract's EventReplayRequest. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReplayEventsRequest(List<String> eventIds, String aggregateId, Instant startTime, Instant endTime,
                               String targetService, Boolean dryRun) {
    }

    /** The contract's EventReplayResponse. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReplayEventsResponse(boolean dryRun, long totalEvents, String replayId, String sessionId,
                                ReplayStatus status, List<EventViews.Summary> eventsPreview) {
    }

    @PostMapping
    Mono<ReplayEventsResponse> replay(@RequestBody ReplayEventsRequest request, ServerWebExchange exchange) {
        if (request.targetService() != null) {
            throw unprocessable("target_service is not offered: replays go to the integration topic; to choose "
                    + "topics per event type create a session with target_topics (POST /api/v1/replay/sessions)");
        }
        ReplayConfig config;
        try {
            config = ReplayConfigRules.validated(ReplayConfig.query(new ReplayConfig.Filter(request.eventIds(), null,
                    request.aggregateId(), null, null, request.startTime(), request.endTime(), null, null)));
        } catch (ApiBodyValidationException invalid) {
            throw unprocessable(invalid.getMessage()); // this operation's 422 is the contract's ErrorResponse
        }
        boolean dryRun = !Boolean.FALSE.equals(request.dryRun());
        return users.resolve(exchange).flatMap(admin -> Blocking.call(() -> {
            long total = sessions.count(config.filter().events());
            if (total == 0) {
                throw new ApiException(HttpStatus.NOT_FOUND, "NoEventsToReplayError", "No events match the replay "
                        + "filter; widen it (check the ids with POST /api/v1/admin/events/browse)");
            }
            if (total > properties.maxEventsPerRequest()) {
                throw unprocessable(total + " events match; at most " + properties.maxEventsPerRequest()
                        + " are replayed in one request (integr8s.replay.max-events-per-request): narrow the filter");
            }
            if (dryRun) {
                List<EventViews.Summary> preview = events.after(config.filter().events(), -1,
                        properties.previewSize(), false).stream().map(views::summary).toList();
                return new ReplayEventsResponse(true, total, UUID.randomUUID().toString(), null, ReplayStatus.PREVIEW,
                        preview);
            }
            ReplaySession session = sessions.apply(sessions.create(config, admin.id()).sessionId(),
                    ReplayTransition.START);
            return new ReplayEventsResponse(false, session.totalEvents(), session.sessionId(), session.sessionId(),
                    session.status(), null);
        }));
    }

    /**
     * Unnamed {@code data:} messages, one whenever the progress changed; the stream ends after an ended status (or,
     * asking the client to reconnect, when this instance shuts down).
     */
    @GetMapping(value = "/{session_id}/status", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<ReplayViews.Status>> status(@PathVariable("session_id") String sessionId) {
        return shutdown.endOnShutdown(Blocking.call(() -> sessions.get(sessionId)).flatMapMany(first -> Flux
                .interval(properties.statusInterval()).onBackpressureDrop()
                .concatMap(tick -> Blocking.call(() -> sessions.get(sessionId)))
                .startWith(first)
                .distinctUntilChanged(session -> List.of(session.status(), session.processed(), session.errors().size()))
                .takeUntil(session -> session.status().terminal()))
                .map(session -> ServerSentEvent.builder(ReplayViews.Status.of(session, clock)).build()));
    }

    private static ApiException unprocessable(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "ReplayFilterError", message);
    }
}
