package io.integr8s.command.eventdeletion.api;

import java.time.Instant;

/**
 * An admin deleted a stored event: it stays in the event store, and the admin views leave it out from now on. The
 * fields name the deleted event as {@code deleted…}, apart from this event's own id and aggregate.
 */
public record StoredEventDeleted(String deletedEventId, String deletedEventAggregateId, String deletedEventType,
                                 String deletedBy, String reason, Instant deletedAt) {
}
