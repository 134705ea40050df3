package io.integr8s.api.replay;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.Blocking;
import io.integr8s.api.web.WireEnums;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Replay sessions (contract: Event Replay). Admins only, by the security path rule on {@code /api/v1/replay/**}.
 * Wrong transitions are 400s naming the session's state; unknown sessions 404s.
 */
@RestController
@Validated
@RequestMapping("/api/v1/replay")
class ReplaySessionsController {

    private final ReplaySessions sessions;
    private final CurrentUserResolver users;

    ReplaySessionsController(ReplaySessions sessions, CurrentUserResolver users) {
        this.sessions = sessions;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CleanupResponse(int removedSessions, String message) {
    }

    @PostMapping("/sessions")
    Mono<ReplayViews.Response> create(@RequestBody ReplayConfig request, ServerWebExchange exchange) {
        ReplayConfig config = ReplayConfigRules.validated(request);
        return users.resolve(exchange).flatMap(admin -> Blocking.call(() -> sessions.create(config, admin.id())))
                .map(session -> new ReplayViews.Response(session.sessionId(), session.status(), "Replay session "
                        + "created with " + session.totalEvents() + " events; start it with POST /api/v1/replay/"
                        + "sessions/" + session.sessionId() + "/start"));
    }

    @GetMapping("/sessions")
    Mono<List<ReplayViews.Summary>> list(@RequestParam(required = false) String status,
                                         @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        ReplayStatus wanted = WireEnums.parse("status", status, ReplayStatus.class);
        return Blocking.call(() -> sessions.list(wanted, limit).stream().map(ReplayViews.Summary::of).toList());
    }

    @GetMapping("/sessions/{session_id}")
    Mono<ReplayViews.Session> get(@PathVariable("session_id") String sessionId) {
        return Blocking.call(() -> ReplayViews.Session.of(sessions.get(sessionId)));
    }

    @PostMapping("/sessions/{session_id}/start")
    Mono<ReplayViews.Response> start(@PathVariable("session_id") String sessionId) {
        return transition(sessionId, ReplayTransition.START);
    }

    @PostMapping("/sessions/{session_id}/pause")
    Mono<ReplayViews.Response> pause(@PathVariable("session_id") String sessionId) {
        return transition(sessionId, ReplayTransition.PAUSE);
    }

    @PostMapping("/sessions/{session_id}/resume")
    Mono<ReplayViews.Response> resume(@PathVariable("session_id") String sessionId) {
        return transition(sessionId, ReplayTransition.RESUME);
    }

    @PostMapping("/sessions/{session_id}/cancel")
    Mono<ReplayViews.Response> cancel(@PathVariable("session_id") String sessionId) {
        return transition(sessionId, ReplayTransition.CANCEL);
    }

    /** Removes ended (completed, failed, cancelled) sessions that ended more than {@code older_than_hours} ago. */
    @PostMapping("/cleanup")
    Mono<CleanupResponse> cleanup(@RequestParam(name = "older_than_hours", defaultValue = "24") @Min(1) int hours) {
        return Blocking.call(() -> sessions.removeEndedOlderThan(hours))
                .map(removed -> new CleanupResponse(removed, "Removed " + removed + " ended replay sessions older "
                        + "than " + hours + " hours"));
    }

    private Mono<ReplayViews.Response> transition(String sessionId, ReplayTransition transition) {
        return Blocking.call(() -> sessions.apply(sessionId, transition))
                .map(session -> new ReplayViews.Response(session.sessionId(), session.status(), transition.done()));
    }
}
