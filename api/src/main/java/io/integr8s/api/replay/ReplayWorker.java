package io.integr8s.api.replay;

import io.integr8s.api.events.EventFilter;
import io.integr8s.api.events.StoredEvent;
import io.integr8s.api.events.StoredEvents;
import io.integr8s.api.lifecycle.PeriodicTask;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs replay sessions on this instance, up to {@code integr8s.replay.workers} at once: every
 * {@code integr8s.replay.poll-interval} each idle worker claims one running session
 * that no live instance works on, and replays it event by event from its stored position, recording progress after
 * each event. It stops when the session is paused or cancelled (a resume is picked up by any instance and continues
 * from the stored position), and ends it completed, or failed when an event cannot be published and
 * {@code skip_errors} is off. Deleted events are skipped, never re-published.
 */
@Component
class ReplayWorker extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ReplayWorker.class);

    private final ReplaySessionStore store;
    private final StoredEvents events;
    private final ReplayPublisher publisher;
    private final ReplayProperties properties;
    private final String instance = "replay-worker-" + UUID.randomUUID();
    private final Clock clock = Clock.systemUTC();

    ReplayWorker(ReplaySessionStore store, StoredEvents events, ReplayPublisher publisher, ReplayProperties properties) {
        super("replay-worker", properties.pollInterval(), properties.workers());
        this.store = store;
        this.events = events;
        this.publisher = publisher;
        this.properties = properties;
    }

    @Override
    protected void runOnce() {
        try {
            Optional<ReplaySession> claimed = store.claim(instance, properties.claimTimeout()).flatMap(store::find);
            if (claimed.isPresent()) {
                runUntilStopped(claimed.get());
            }
        } catch (RuntimeException e) {
            log.warn("Replay worker {} failed; a session it held is taken over after {}: {}", instance,
                    properties.claimTimeout(), e.toString());
        }
    }

    /** At shutdown the session is let go at once, so another instance continues it without waiting. */
    private void runUntilStopped(ReplaySession session) {
        try {
            run(session);
        } catch (InterruptedException stopping) {
            store.release(session.sessionId(), instance);
            Thread.currentThread().interrupt();
        }
    }

    private void run(ReplaySession session) throws InterruptedException {
        ReplayConfig config = session.config();
        EventFilter filter = config.filter().events().upTo(session.endPosition());
        long position = session.position();
        long remaining = session.totalEvents() - session.processed();
        Instant previous = null;
        try (Producer<String, byte[]> producer = publisher.producer()) {
            while (remaining > 0) {
                List<StoredEvent> batch = events.after(filter, position, (int) Math.min(config.batchSize(), remaining),
                        true);
                if (batch.isEmpty()) {
                    break;
                }
                for (StoredEvent event : batch) {
                    if (!pace(session.sessionId(), config, previous, event.timestamp())) {
                        store.release(session.sessionId(), instance);
                        return;
                    }
                    previous = event.timestamp();
                    Outcome outcome = event.deleted() ? Outcome.SKIPPED : replay(producer, session, event);
                    position = event.globalIndex();
                    remaining--;
                    Optional<ReplayStatus> status = store.progress(session.sessionId(), instance, position,
                            outcome.replayed(), outcome.failed(), outcome.skipped(),
                            outcome == Outcome.SKIPPED ? null : clock.instant(), outcome.error());
                    if (status.isEmpty()) {
                        return; // another instance took the session over
                    }
                    if (outcome.failed() > 0 && !config.skipErrors()) {
                        store.finish(session.sessionId(), instance, ReplayStatus.FAILED);
                        return;
                    }
                    if (status.get() != ReplayStatus.RUNNING) {
                        store.release(session.sessionId(), instance);
                        return;
                    }
                }
            }
        }
        store.finish(session.sessionId(), instance, ReplayStatus.COMPLETED);
    }

    /** What became of one event. */
    private record Outcome(int replayed, int failed, int skipped, ReplaySession.ReplayError error) {
        static final Outcome REPLAYED = new Outcome(1, 0, 0, null);
        static final Outcome SKIPPED = new Outcome(0, 0, 1, null);
    }

    private Outcome replay(Producer<String, byte[]> producer, ReplaySession session, StoredEvent event)
            throws InterruptedException {
        Exception last = null;
        for (int attempt = 0; attempt < session.config().attempts(); attempt++) {
            try {
                publisher.publish(producer, event, session.sessionId(), session.config(),
                        properties.sendTimeout().toMillis());
                return Outcome.REPLAYED;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
        }
        log.warn("Replay {} could not publish event {}: {}", session.sessionId(), event.eventId(), last.toString());
        return new Outcome(0, 1, 0, new ReplaySession.ReplayError(clock.instant(), String.valueOf(last.getMessage()),
                last.getClass().getSimpleName(), event.eventId()));
    }

    /**
     * Re-enacts the original gap between two events, divided by the speed, at most {@code max-event-delay}; looks at
     * the session every poll interval meanwhile and answers false as soon as it is no longer running.
     */
    private boolean pace(String sessionId, ReplayConfig config, Instant previous, Instant next)
            throws InterruptedException {
        if (previous == null || config.speedMultiplier() >= ReplayConfig.FULL_SPEED) {
            return true;
        }
        long gap = (long) (Math.max(0, Duration.between(previous, next).toMillis()) / config.speedMultiplier());
        long wait = Math.min(gap, properties.maxEventDelay().toMillis());
        while (wait > 0) {
            long slice = Math.min(wait, properties.pollInterval().toMillis());
            Thread.sleep(slice);
            wait -= slice;
            if (store.find(sessionId).map(ReplaySession::status).orElse(null) != ReplayStatus.RUNNING) {
                return false;
            }
        }
        return true;
    }
}
