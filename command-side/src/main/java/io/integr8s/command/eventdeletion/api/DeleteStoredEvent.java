package io.integr8s.command.eventdeletion.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Hide a stored event from the admin views: the event store is append-only, so the deletion is a tombstone of its
 * own. {@code eventType} is the event's wire name, {@code aggregateId} its aggregate, kept for the audit.
 */
public record DeleteStoredEvent(String eventId, String aggregateId, String eventType, String deletedBy, String reason,
                                Instant deletedAt) {

    private static final String TOMBSTONE_PREFIX = "event-tombstone:";

    /** One small aggregate per deleted event, so deleting an event twice is refused by its own history. */
    @TargetAggregateIdentifier
    public String tombstoneId() {
        return tombstoneIdOf(eventId);
    }

    public static String tombstoneIdOf(String eventId) {
        return TOMBSTONE_PREFIX + eventId;
    }
}
