package io.integr8s.api.rebuild;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A token reset by Axon itself ({@code resetTokens}): the processor is halted on every instance while the request
 * runs (Axon must claim every segment), reset here, and runs again everywhere once the request completed; its
 * handlers then replay from the start of the event store or from {@code fromTime}.
 */
final class ResetJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(ResetJob.class);

    private final RebuildWorker.Context context;
    private final RebuildRequest request;
    private final Instant claimed = Instant.now();

    ResetJob(RebuildWorker.Context context, RebuildRequest request) {
        this.context = context;
        this.request = request;
    }

    @Override
    public boolean advance() {
        UUID id = request.id();
        if (!context.table().heartbeat(id, context.owner(), 0, 0)) {
            return false;
        }
        String name = request.target();
        Optional<StreamingEventProcessor> found = context.processing().eventProcessor(name, StreamingEventProcessor.class);
        if (found.isEmpty()) {
            return fail("there is no tracking processor named '" + name + "': reset one of "
                    + context.streamingProcessors() + " (subscribing processors have no tokens to reset)");
        }
        StreamingEventProcessor processor = found.get();
        if (!processor.supportsReset()) {
            return fail("the handlers of processor '" + name + "' do not support a reset (sagas and handlers with side"
                    + " effects refuse replays): nothing was changed");
        }
        if (processor.isRunning()) {
            return true;
        }
        try {
            if (request.fromTime() == null) {
                // Axon's default start (replay from the tail up to today's head), whatever the processor's initial
                // token is: the notifications processor starts at the head
                processor.resetTokens(source -> ReplayToken.createReplayToken(source.createHeadToken()));
            } else {
                processor.resetTokens(source -> source.createTokenAt(request.fromTime()));
            }
        } catch (UnableToClaimTokenException e) {
            if (Instant.now().isAfter(claimed.plus(context.properties().haltTimeout()))) {
                return fail("processor '" + name + "' was still running somewhere "
                        + context.properties().haltTimeout().toSeconds() + "s after it was asked to halt ("
                        + e.getMessage() + "): check that every instance runs this version, then reset again");
            }
            return true;
        } catch (RuntimeException e) {
            return fail("Axon refused to reset processor '" + name + "': " + e.getMessage());
        }
        context.handover().releaseClaims(name);
        context.table().complete(id);
        log.info("Processor {} reset{}; it replays on every instance that runs it", name,
                request.fromTime() == null ? "" : " to " + request.fromTime());
        return false;
    }

    private boolean fail(String error) {
        log.warn("Reset {} of {} failed: {}", request.id(), request.target(), error);
        context.table().fail(request.id(), error);
        return false;
    }

    @Override
    public void release() {
        context.table().release(request.id(), context.owner());
    }
}
