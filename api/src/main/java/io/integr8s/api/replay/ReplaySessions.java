package io.integr8s.api.replay;

import io.integr8s.api.events.EventFilter;
import io.integr8s.api.events.StoredEvents;
import io.integr8s.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Creates replay sessions and moves them through their states (blocking: call it off the event loop). A session
 * covers the events of its filter up to the newest one at creation, at most {@code max_events}; the work itself is
 * done by whichever instance's {@link ReplayWorker} claims it.
 */
@Component
class ReplaySessions {

    private final ReplaySessionStore store;
    private final StoredEvents events;
    private final Clock clock = Clock.systemUTC();

    ReplaySessions(ReplaySessionStore store, StoredEvents events) {
        this.store = store;
        this.events = events;
    }

    /** How many stored events the filter covers now (deleted ones included: a replay counts them as skipped). */
    long count(EventFilter filter) {
        return events.count(filter.upTo(events.head()), true);
    }

    ReplaySession create(ReplayConfig config, String createdBy) {
        long head = events.head();
        long matching = events.count(config.filter().events().upTo(head), true);
        long total = config.maxEvents() == null ? matching : Math.min(matching, config.maxEvents());
        ReplaySession session = new ReplaySession(UUID.randomUUID().toString(), config, ReplayStatus.CREATED, total,
                0, 0, 0, -1, head, clock.instant(), null, null, null, List.of());
        store.create(session, createdBy);
        return session;
    }

    ReplaySession get(String sessionId) {
        return store.find(sessionId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "ReplaySessionNotFoundError", "Replay session '" + sessionId
                + "' not found; list the sessions with GET /api/v1/replay/sessions"));
    }

    /** Applies the transition, or answers 404 for an unknown session and 400 for one in the wrong state. */
    ReplaySession apply(String sessionId, ReplayTransition transition) {
        if (!store.apply(sessionId, transition)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "ReplayStateError",
                    transition.refusal(sessionId, get(sessionId).status()));
        }
        return get(sessionId);
    }

    List<ReplaySession> list(ReplayStatus status, int limit) {
        return store.list(status, limit);
    }

    int removeEndedOlderThan(int hours) {
        return store.removeEndedOlderThan(hours);
    }
}
