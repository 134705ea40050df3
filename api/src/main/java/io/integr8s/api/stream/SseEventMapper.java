package io.integr8s.api.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stored event, seen against the story so far, into the SSE messages the contract names, each with its own
 * {@code id:}: {@code sequence * IDS_PER_EVENT + index}, index being the message's place among those the event gives.
 * The id depends only on the stored event, so it is the same live and replayed, on every instance and after a rebuild.
 */
final class SseEventMapper {

    /** Room for the messages of one stored event; more than {@link LifecycleNames#mostPerEvent()}, checked at start. */
    static final int IDS_PER_EVENT = 10;

    /** What a missing, malformed or negative {@code Last-Event-ID} means: nothing seen yet. */
    static final long NONE_SEEN = -1;

    static {
        if (LifecycleNames.mostPerEvent() >= IDS_PER_EVENT) {
            throw new IllegalStateException("An event gives " + LifecycleNames.mostPerEvent()
                    + " SSE messages; their ids need IDS_PER_EVENT > that, it is " + IDS_PER_EVENT);
        }
    }

    private SseEventMapper() {
    }

    static List<StreamedEvent> map(ExecutionEventEnvelope event, ExecutionStory storySoFar) {
        List<String> names = LifecycleNames.of(event.payload());
        List<StreamedEvent> messages = new ArrayList<>(names.size());
        for (int index = 0; index < names.size(); index++) {
            String name = names.get(index);
            messages.add(new StreamedEvent(idOf(event.sequence(), index), new SseExecutionEvent(name,
                    event.executionId(), event.timestamp(), event.eventId(), null,
                    SseExecutionEvent.RESULT_STORED.equals(name) ? storySoFar.resultResponse() : null)));
        }
        return messages;
    }

    static long idOf(long sequence, int index) {
        return Math.addExact(Math.multiplyExact(sequence, IDS_PER_EVENT), index);
    }

    /**
     * The id after which a client resumes. Anything but a plain non-negative decimal that fits a long (a malformed or
     * hostile header) counts as nothing seen: the client gets the whole story again, never an error. An id from before
     * this scheme (the plain sequence) is read in this scheme: it is smaller than the ids of what the client saw, so
     * it repeats messages but never skips one.
     */
    static long parseLastEventId(String lastEventId) {
        if (lastEventId == null) {
            return NONE_SEEN;
        }
        try {
            return Math.max(NONE_SEEN, Long.parseLong(lastEventId.trim()));
        } catch (NumberFormatException e) {
            return NONE_SEEN;
        }
    }

    /** Regenerated on every connection, so without an id: a client's {@code Last-Event-ID} stays its last lifecycle message. */
    static StreamedEvent status(String executionId, ExecutionStory story) {
        return new StreamedEvent(null, new SseExecutionEvent(SseExecutionEvent.STATUS, executionId, Instant.now(),
                null, story.status(), null));
    }
}
