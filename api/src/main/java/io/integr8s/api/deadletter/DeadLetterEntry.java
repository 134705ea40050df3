package io.integr8s.api.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.infra.deadletter.DeadLetterAttempts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;

import java.time.Instant;

/**
 * One parked event. {@code cause_type}/{@code cause_message} are null for a letter parked only because an earlier one
 * of its sequence waits (it was never attempted); {@code attempts} counts the failed handlings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeadLetterEntry(String deadLetterId,
                       String processingGroup,
                       String sequenceIdentifier,
                       long sequenceIndex,
                       String eventId,
                       String eventType,
                       String aggregateId,
                       Long aggregateSequence,
                       String causeType,
                       String causeMessage,
                       int attempts,
                       Instant enqueuedAt,
                       Instant lastTouched) {

    static DeadLetterEntry of(String group, JdbcDeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        Cause cause = letter.cause().orElse(null);
        return new DeadLetterEntry(letter.getIdentifier(), group, letter.getSequenceIdentifier(),
                letter.getSequenceIndex(), event.getIdentifier(), event.getPayloadType().getSimpleName(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                cause == null ? null : cause.type(), cause == null ? null : cause.message(),
                DeadLetterAttempts.of(letter), letter.enqueuedAt(), letter.lastTouched());
    }
}
