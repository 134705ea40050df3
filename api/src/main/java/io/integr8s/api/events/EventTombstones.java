package io.integr8s.api.events;

import io.integr8s.command.eventdeletion.api.StoredEventDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * The read model of deleted events: one row per tombstone, which the admin views and replays leave out. A subscribing
 * processor (application.yml): the row commits with the {@link StoredEventDeleted} event, so once a DELETE returned
 * no instance shows the event. Writing a row twice changes nothing.
 */
@Component
@ProcessingGroup(EventTombstones.GROUP)
public class EventTombstones implements InitializingBean {

    static final String GROUP = "event-tombstones";
    static final String TABLE = "event_tombstones";

    private final JdbcTemplate jdbc;

    EventTombstones(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("create table if not exists " + TABLE + """
                 (
                    event_id varchar(255) primary key,
                    tombstone_event_id varchar(255) not null,
                    deleted_by varchar(64) not null,
                    reason text,
                    deleted_at timestamptz not null)""");
    }

    @EventHandler
    void on(StoredEventDeleted event, EventMessage<?> message) {
        jdbc.update("insert into " + TABLE + " (event_id, tombstone_event_id, deleted_by, reason, deleted_at) "
                        + "values (?, ?, ?, ?, ?) on conflict (event_id) do nothing", event.deletedEventId(),
                message.getIdentifier(), event.deletedBy(), event.reason(), Timestamp.from(event.deletedAt()));
    }
}
