package io.integr8s.command.eventdeletion.api;

/** The event was deleted before; a tombstone is recorded once. */
public class EventAlreadyDeleted extends RuntimeException {

    public EventAlreadyDeleted(String eventId) {
        super("Event '" + eventId + "' was already deleted; its tombstone records who deleted it and when");
    }
}
