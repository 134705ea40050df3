package io.integr8s.api.rebuild;

import io.integr8s.projections.rebuild.RebuildableProjection;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One blue/green rebuild (ADR 0010): a new processor fills the next generation's collections while the live one
 * serves; once it has caught up, the live processor is halted on every instance, the tokens and the read side's
 * generation are switched in one transaction, the live processor resumes on the new generation and, when every
 * instance's generation cache has expired, the old collections are dropped.
 */
final class RebuildJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(RebuildJob.class);

    private record Progress(long processed, long total, boolean caughtUp, String error) {
    }

    private final RebuildWorker.Context context;
    private final UUID id;
    private final RebuildableProjection projection;
    private final int generation;
    private final int previousGeneration;
    private final Instant started = Instant.now();
    private RebuildStatus status;
    private TrackingEventProcessor processor;
    private Instant haltedSince;
    private Instant switchedAt;

    RebuildJob(RebuildWorker.Context context, RebuildRequest request, RebuildableProjection projection) {
        this.context = context;
        this.id = request.id();
        this.projection = projection;
        this.status = request.status();
        if (request.generation() == null) {
            this.previousGeneration = context.generations().stored(projection.name());
            this.generation = context.table().assignGeneration(id, previousGeneration);
        } else {
            this.generation = request.generation();
            this.previousGeneration = request.previousGeneration();
        }
        log.info("Rebuild {} of {}: generation {} by processor {} (live: generation {}), {}", id, projection.name(),
                generation, rebuildProcessor(), previousGeneration, request.generation() == null ? "starting" : "resuming");
    }

    @Override
    public boolean advance() {
        if (context.generations().stored(projection.name()) == generation) {
            return finishSwitch();
        }
        if (processor == null) {
            processor = context.processors().start(projection, generation);
        }
        Progress progress = progress();
        if (!context.table().heartbeat(id, context.owner(), progress.processed(), progress.total())) {
            return lost();
        }
        if (progress.error() != null) {
            return fail("processor " + rebuildProcessor() + " failed on an event: " + progress.error()
                    + "; the live read model is untouched: fix the cause (see the log of " + context.owner()
                    + ") and request the rebuild again");
        }
        if (!progress.caughtUp()) {
            return true;
        }
        if (status == RebuildStatus.RUNNING) {
            context.table().switching(id, projection.liveProcessor());
            status = RebuildStatus.SWITCHING;
            haltedSince = Instant.now();
            log.info("Rebuild {} caught up after {}: halting {} on every instance to switch", id,
                    Duration.between(started, Instant.now()), projection.liveProcessor());
            return true;
        }
        return switchOver();
    }

    private boolean switchOver() {
        if (haltedSince == null) {
            haltedSince = Instant.now();
        }
        try {
            context.handover().claim(projection.liveProcessor());
        } catch (UnableToClaimTokenException e) {
            if (Instant.now().isAfter(haltedSince.plus(context.properties().haltTimeout()))) {
                return fail("processor " + projection.liveProcessor() + " was still running somewhere "
                        + context.properties().haltTimeout().toSeconds() + "s after it was asked to halt (" + e.getMessage()
                        + "): check that every instance runs this version, then request the rebuild again");
            }
            return true;
        }
        stopProcessor();
        context.handover().handOver(projection.name(), generation, rebuildProcessor(), projection.liveProcessor());
        context.table().resumeHalted(id);
        log.info("Rebuild {}: {} now serves generation {}", id, projection.name(), generation);
        return true;
    }

    /** After the switch: waits until no instance can still read the old generation, then drops it. */
    private boolean finishSwitch() {
        stopProcessor();
        context.table().resumeHalted(id);
        if (switchedAt == null) {
            switchedAt = Instant.now();
        }
        Duration grace = context.generations().cacheTime().multipliedBy(2).plus(context.properties().pollInterval());
        if (Instant.now().isBefore(switchedAt.plus(grace))) {
            return true;
        }
        projection.drop(previousGeneration);
        context.table().complete(id);
        log.info("Rebuild {} of {} completed in {}; generation {} dropped", id, projection.name(),
                Duration.between(started, Instant.now()), previousGeneration);
        return false;
    }

    private Progress progress() {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        String error = segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(segment -> String.valueOf(segment.getError())).orElse(null);
        OptionalLong position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        boolean caughtUp = !segments.isEmpty() && segments.stream().allMatch(EventTrackerStatus::isCaughtUp);
        long processed = position.isPresent() ? context.counts().upTo(position.getAsLong()) : 0;
        return new Progress(processed, context.counts().all(), caughtUp, error);
    }

    private boolean fail(String error) {
        log.warn("Rebuild {} of {} failed: {}", id, projection.name(), error);
        discard();
        context.table().fail(id, error);
        return false;
    }

    private boolean lost() {
        boolean cancelled = context.table().find(id).map(RebuildRequest::status)
                .filter(RebuildStatus.CANCELLED::equals).isPresent();
        if (cancelled) {
            log.info("Rebuild {} of {} cancelled; generation {} discarded", id, projection.name(), generation);
            discard();
        } else {
            stopProcessor();
        }
        return false;
    }

    private void discard() {
        stopProcessor();
        context.handover().deleteTokens(rebuildProcessor());
        projection.drop(generation);
    }

    @Override
    public void release() {
        stopProcessor();
        context.table().release(id, context.owner());
    }

    private void stopProcessor() {
        if (processor != null) {
            processor.shutDown();
            processor = null;
        }
    }

    private String rebuildProcessor() {
        return projection.rebuildProcessor(generation);
    }
}
