package io.integr8s.api.notification;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.Optional;

/**
 * Parks the event of a notification the delivery pool could not deliver in the
 * {@value NotificationRecorder#PROCESSING_GROUP} group's dead-letter queue, as the processor would have done had its
 * handler failed: same sequence (so later letters of the execution stay behind it), same enqueue policy. Retrying
 * the letter runs the handlers again, which send what is still undelivered.
 */
@Component
class DeliveryDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDeadLetters.class);

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final TransactionManager transactions;

    DeliveryDeadLetters(ObjectProvider<EventProcessingConfiguration> processing, TransactionManager transactions) {
        this.processing = processing;
        this.transactions = transactions;
    }

    void park(EventMessage<?> event, DeliveryFailedException cause) {
        EventProcessingConfiguration config = processing.getObject();
        String group = NotificationRecorder.PROCESSING_GROUP;
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = config.deadLetterQueue(group);
        if (queue.isEmpty()) {
            log.error("Group {} has no dead-letter queue (integr8s.dead-letters.processing-groups): event {} is not "
                    + "parked; its failed notification stays listed as failed: {}", group, event.getIdentifier(),
                    cause.getMessage());
            return;
        }
        Object sequence = Objects.requireNonNullElseGet(config.sequencingPolicy(group).getSequenceIdentifierFor(event),
                event::getIdentifier);
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>(sequence, event, cause);
        DeadLetter<? extends EventMessage<?>> parked = letter;
        Optional<EnqueuePolicy<EventMessage<?>>> policy = config.deadLetterPolicy(group);
        if (policy.isPresent()) {
            EnqueueDecision<EventMessage<?>> decision = policy.get().decide(letter, cause);
            if (!decision.shouldEnqueue()) {
                log.warn("The enqueue policy of group {} keeps event {} out of the dead-letter queue; its failed "
                        + "notification stays listed as failed: {}", group, event.getIdentifier(), cause.getMessage());
                return;
            }
            parked = decision.withDiagnostics(letter.withCause(decision.enqueueCause().orElse(null)));
        }
        DeadLetter<? extends EventMessage<?>> toPark = parked;
        transactions.executeInTransaction(() -> queue.get().enqueue(sequence, toPark));
    }
}
