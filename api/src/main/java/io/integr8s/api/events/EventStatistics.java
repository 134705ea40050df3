package io.integr8s.api.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contract's event statistics over a look-back window, computed in PostgreSQL (deleted events left out).
 * {@code error_rate} is the percentage of events that report a failure ({@link #ERRORS}); {@code avg_processing_time}
 * the mean wall-clock seconds of the executions that ended in the window (0 when none did).
 */
@Component
class EventStatistics {

    static final Set<String> ERRORS = Set.of("execution_failed", "execution_timeout", "pod_failed", "result_failed");
    private static final int TOP_USERS = 10;
    private static final List<String> ENDINGS = List.of(ExecutionCompleted.class.getName(),
            ExecutionFailed.class.getName(), ExecutionTimedOut.class.getName());

    private final JdbcTemplate jdbc;
    private final StoredEvents events;
    private final Clock clock = Clock.systemUTC();

    EventStatistics(JdbcTemplate jdbc, StoredEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TypeCount(String eventType, long count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HourCount(String hour, long count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserCount(String userId, long eventCount) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Stats(long totalEvents, List<TypeCount> eventsByType, List<HourCount> eventsByHour, List<UserCount> topUsers,
                 double errorRate, double avgProcessingTime) {
    }

    Stats lastHours(int hours) {
        EventFilter window = new EventFilter(null, null, null, null, clock.instant().minus(Duration.ofHours(hours)),
                null, null, null, null, null);
        StoredEvents.Where where = events.where(window, false);
        String from = " from domainevententry e left join " + EventTombstones.TABLE
                + " t on t.event_id = e.eventidentifier " + where.sql();
        Object[] args = where.args().toArray();

        Map<String, Long> byType = new TreeMap<>();
        jdbc.query("select e.payloadtype, count(*)" + from + " group by e.payloadtype", rs -> {
            byType.merge(EventTypeNames.of(rs.getString(1)), rs.getLong(2), Long::sum);
        }, args);
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        List<TypeCount> types = new ArrayList<>(byType.entrySet().stream()
                .map(entry -> new TypeCount(entry.getKey(), entry.getValue())).toList());
        types.sort(Comparator.comparingLong(TypeCount::count).reversed());
        long errors = types.stream().filter(type -> ERRORS.contains(type.eventType())).mapToLong(TypeCount::count).sum();

        List<HourCount> byHour = jdbc.query("select to_char(date_trunc('hour', e.timestamp::timestamptz at time zone "
                + "'UTC'), 'YYYY-MM-DD HH24:00') as hour, count(*)" + from + " group by hour order by hour",
                (rs, row) -> new HourCount(rs.getString(1), rs.getLong(2)), args);
        List<UserCount> users = jdbc.query("select " + StoredEvents.USER + " as who, count(*)" + from
                        + " group by who having " + StoredEvents.USER + " is not null order by 2 desc, who limit "
                        + TOP_USERS, (rs, row) -> new UserCount(rs.getString(1), rs.getLong(2)), args);

        List<Object> endingArgs = new ArrayList<>(where.args());
        endingArgs.addAll(ENDINGS);
        Double wallSeconds = jdbc.queryForObject("select avg((" + StoredEvents.PAYLOAD
                + " #>> '{result,resourceUsage,wallTimeSeconds}')::float8)" + from + " and e.payloadtype in (?, ?, ?)",
                Double.class, endingArgs.toArray());
        double errorRate = total == 0 ? 0 : Math.round(errors * 10000.0 / total) / 100.0;
        return new Stats(total, types, byHour, users, errorRate, wallSeconds == null ? 0 : wallSeconds);
    }
}
