package io.integr8s.api.rebuild;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Counts in Axon's {@code domainevententry}, for a rebuild's progress (events handled of events stored). */
@Component
class EventStoreCounts {

    private final JdbcTemplate jdbc;

    EventStoreCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long all() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    long upTo(long globalIndex) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex <= ?", Long.class,
                globalIndex);
    }
}
