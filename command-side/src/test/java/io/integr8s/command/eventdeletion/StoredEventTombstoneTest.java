package io.integr8s.command.eventdeletion;

import io.integr8s.command.eventdeletion.api.DeleteStoredEvent;
import io.integr8s.command.eventdeletion.api.EventAlreadyDeleted;
import io.integr8s.command.eventdeletion.api.StoredEventDeleted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class StoredEventTombstoneTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final DeleteStoredEvent DELETE = new DeleteStoredEvent("event-1", "execution-1",
            "execution_completed", "admin-1", "leaked a secret in stdout", AT);
    private static final StoredEventDeleted DELETED = new StoredEventDeleted("event-1", "execution-1",
            "execution_completed", "admin-1", "leaked a secret in stdout", AT);

    private AggregateTestFixture<StoredEventTombstone> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StoredEventTombstone.class);
    }

    @Test
    void deletingAnEventRecordsWhoWhyAndWhen() {
        fixture.givenNoPriorActivity().when(DELETE).expectSuccessfulHandlerExecution().expectEvents(DELETED);
    }

    @Test
    void anEventIsDeletedOnlyOnce() {
        fixture.given(DELETED).when(DELETE).expectNoEvents().expectException(EventAlreadyDeleted.class);
    }
}
