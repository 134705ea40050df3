package io.integr8s.api.deadletter;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.web.ApiException;
import io.integr8s.infra.deadletter.DeadLetterProperties;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dead-letter queues of the processing groups (Axon's sequenced queues in PostgreSQL), for admins: what waits,
 * retry a sequence or all, evict a letter. Blocking (JDBC, and a retry runs the group's handlers): call it off the
 * event loop. A retry handles the sequence's letters in order on the calling thread, each in its own transaction;
 * one that fails again stays parked with one attempt more, and so does the rest of its sequence.
 */
@Component
class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final DeadLetterProperties properties;

    DeadLetters(EventProcessingConfiguration processing, DeadLetterProperties properties) {
        this.processing = processing;
        this.properties = properties;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GroupSummary(String processingGroup, long deadLetters, long sequences) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Listing(String processingGroup, long total, long sequences, List<DeadLetterEntry> deadLetters) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Retried(String processingGroup, int processed, int failed, long remaining) {
    }

    List<GroupSummary> summary() {
        return groups().stream().map(group -> {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
            return new GroupSummary(group, queue.size(), queue.amountOfSequences());
        }).toList();
    }

    /** The group's letters, sequence by sequence in the order they are retried, at most {@code limit}. */
    Listing list(String group, int limit) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<DeadLetterEntry> entries = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (entries.size() == limit) {
                    return new Listing(group, queue.size(), queue.amountOfSequences(), entries);
                }
                entries.add(DeadLetterEntry.of(group, jdbc(letter)));
            }
        }
        return new Listing(group, queue.size(), queue.amountOfSequences(), entries);
    }

    /** Handles the sequence's letters again; true when all were handled (and so removed). */
    boolean retrySequence(String group, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        String first = firstLetter(queue, sequenceIdentifier).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                        "DeadLetterNotFoundError", "No dead letters of sequence '" + sequenceIdentifier + "' in group '"
                        + group + "'; list them with GET /api/v1/admin/dead-letters/" + group))
                .message().getIdentifier();
        processor(group).process(letter -> letter.message().getIdentifier().equals(first));
        return !queue.contains(sequenceIdentifier);
    }

    /** Tries every parked sequence once, oldest touched first. */
    Retried retryAll(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(group);
        long sequences = queue.amountOfSequences();
        int processed = 0;
        int failed = 0;
        for (long i = 0; i < sequences; i++) {
            if (processor.processAny()) {
                processed++;
            } else {
                failed++;
            }
        }
        return new Retried(group, processed, failed, queue.size());
    }

    /** Removes one letter for good: its event is not handled by this group. */
    void evict(String group, String deadLetterId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (jdbc(letter).getIdentifier().equals(deadLetterId)) {
                    queue.evict(letter);
                    return;
                }
            }
        }
        throw new ApiException(HttpStatus.NOT_FOUND, "DeadLetterNotFoundError", "No dead letter '" + deadLetterId
                + "' in group '" + group + "'; list them with GET /api/v1/admin/dead-letters/" + group);
    }

    private static Optional<DeadLetter<? extends EventMessage<?>>> firstLetter(SequencedDeadLetterQueue<EventMessage<?>> queue,
                                                                             String sequenceIdentifier) {
        var letters = queue.deadLetterSequence(sequenceIdentifier).iterator();
        return letters.hasNext() ? Optional.of(letters.next()) : Optional.empty();
    }

    private List<String> groups() {
        return properties.groups().stream().filter(group -> processing.deadLetterQueue(group).isPresent()).toList();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> unknownGroup(group));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String group) {
        return processing.sequencedDeadLetterProcessor(group).orElseThrow(() -> unknownGroup(group));
    }

    private ApiException unknownGroup(String group) {
        return new ApiException(HttpStatus.NOT_FOUND, "ProcessingGroupNotFoundError", "Processing group '" + group
                + "' has no dead-letter queue; groups with one: " + String.join(", ", groups()));
    }

    private static JdbcDeadLetter<? extends EventMessage<?>> jdbc(DeadLetter<? extends EventMessage<?>> letter) {
        return (JdbcDeadLetter<? extends EventMessage<?>>) letter;
    }
}
