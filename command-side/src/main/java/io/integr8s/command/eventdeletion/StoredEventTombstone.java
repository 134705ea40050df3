package io.integr8s.command.eventdeletion;

import io.integr8s.command.eventdeletion.api.DeleteStoredEvent;
import io.integr8s.command.eventdeletion.api.EventAlreadyDeleted;
import io.integr8s.command.eventdeletion.api.StoredEventDeleted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The deletion of one stored event: recorded once, with who deleted it, why and when. */
public class StoredEventTombstone {

    @AggregateIdentifier
    private String tombstoneId;
    private boolean deleted;

    protected StoredEventTombstone() {
        // for Axon: created by the deletion, rebuilt from its event
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeleteStoredEvent command) {
        if (deleted) {
            throw new EventAlreadyDeleted(command.eventId());
        }
        apply(new StoredEventDeleted(command.eventId(), command.aggregateId(), command.eventType(), command.deletedBy(),
                command.reason(), command.deletedAt()));
    }

    @EventSourcingHandler
    void on(StoredEventDeleted event) {
        tombstoneId = DeleteStoredEvent.tombstoneIdOf(event.deletedEventId());
        deleted = true;
    }
}
