package io.integr8s.api.events;

import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads Axon's event store ({@code domainevententry}) for the admin views and replays, with the filters of
 * {@link EventFilter}, always in pages bounded by a limit: nothing here loads the whole store. Events with a
 * tombstone ({@link EventTombstones}) are left out unless a caller asks for them (a replay counts them as skipped).
 */
@Component
public class StoredEvents {

    /** Every event of this system is written by integr8s; the contract's service_name filter matches only that. */
    public static final String SERVICE_NAME = "integr8s";
    static final String PAYLOAD = jsonb("e.payload");
    /** The event's user: whose execution it is, whom it concerns, or who made the change. */
    static final String USER = "coalesce(" + PAYLOAD + "->>'ownerId', " + PAYLOAD + "->>'userId', " + PAYLOAD
            + "->>'changedBy', " + PAYLOAD + "->>'deletedBy')";
    private static final String CORRELATION = "(" + jsonb("e.metadata") + "->>'correlationId')";
    private static final String SELECT = "select e.globalindex, e.eventidentifier, e.type, e.aggregateidentifier, "
            + "e.sequencenumber, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata, " + USER
            + " as user_id, " + CORRELATION + " as correlation_id, t.event_id is not null as deleted "
            + "from domainevententry e left join " + EventTombstones.TABLE + " t on t.event_id = e.eventidentifier ";
    private static final RowMapper<StoredEvent> ROW = (rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
            DateTimeUtils.parseInstant(rs.getString(8)), rs.getBytes(9), rs.getBytes(10), rs.getString(11),
            rs.getString(12), rs.getBoolean(13));

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A stored JSON column ({@code bytea}, UTF-8 as Jackson wrote it) as {@code jsonb}, in a form whose cast cannot
     * fail: {@code jsonb} refuses the escapes {@code \}{@code u0000} and lone surrogates ({@code \}{@code ud800}), and
     * Jackson writes a NUL or any surrogate of a user's text (a script, a name) as such an escape. So when the text
     * holds any {@code \}{@code u} escape, each one has its backslash doubled first: the escape becomes the literal
     * text {@code \}{@code uXXXX} and the JSON stays valid. Only identifiers and numbers are read through this
     * (never the escaped text itself), and a {@code \}{@code u} is an escape exactly when an odd run of backslashes
     * ends in it, which is what the pattern matches (a non-backslash or the start, pairs, then the escape's own).
     */
    static String jsonb(String column) {
        String text = "convert_from(" + column + ", 'UTF8')";
        return "(case when strpos(" + text + ", '\\u') = 0 then " + text + " else regexp_replace(" + text
                + ", '(^|[^\\\\])((\\\\\\\\)*)\\\\u', '\\1\\2\\\\\\\\u', 'g') end)::jsonb";
    }

    /** A WHERE clause (starting with {@code where}) and its arguments. */
    record Where(String sql, List<Object> args) {
    }

    /** The newest events first, as the browse view pages them. */
    public List<StoredEvent> page(EventFilter filter, int skip, int limit) {
        Where where = where(filter, false);
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        args.add(skip);
        return jdbc.query(SELECT + where.sql() + " order by e.globalindex desc limit ? offset ?", ROW, args.toArray());
    }

    public long count(EventFilter filter, boolean includeDeleted) {
        Where where = where(filter, includeDeleted);
        Long count = jdbc.queryForObject("select count(*) from domainevententry e left join " + EventTombstones.TABLE
                + " t on t.event_id = e.eventidentifier " + where.sql(), Long.class, where.args().toArray());
        return count == null ? 0 : count;
    }

    /** The next {@code size} events after global index {@code after}, oldest first: one batch of a scan. */
    public List<StoredEvent> after(EventFilter filter, long after, int size, boolean includeDeleted) {
        Where where = where(filter, includeDeleted);
        List<Object> args = new ArrayList<>(where.args());
        args.add(after);
        args.add(size);
        return jdbc.query(SELECT + where.sql() + " and e.globalindex > ? order by e.globalindex limit ?", ROW,
                args.toArray());
    }

    /** At most {@code limit} events, oldest first, read in batches as the subscriber asks for them. */
    public Flux<StoredEvent> stream(EventFilter filter, int limit, int batchSize) {
        return Flux.<List<StoredEvent>, long[]>generate(() -> new long[]{-1, limit}, (state, sink) -> {
            List<StoredEvent> batch = state[1] <= 0 ? List.of()
                    : after(filter, state[0], (int) Math.min(batchSize, state[1]), false);
            if (batch.isEmpty()) {
                sink.complete();
            } else {
                state[0] = batch.get(batch.size() - 1).globalIndex();
                state[1] -= batch.size();
                sink.next(batch);
            }
            return state;
        }).concatMapIterable(batch -> batch).subscribeOn(Schedulers.boundedElastic());
    }

    public Optional<StoredEvent> byId(String eventId) {
        return jdbc.query(SELECT + "where e.eventidentifier = ?", ROW, eventId).stream().findFirst();
    }

    /** Events of the same aggregate or the same correlation id (itself included), oldest first, not deleted. */
    public List<StoredEvent> around(StoredEvent event, int limit) {
        String sameCorrelation = event.correlationId() == null ? "false" : CORRELATION + " = ?";
        List<Object> args = new ArrayList<>(List.of(event.aggregateId()));
        if (event.correlationId() != null) {
            args.add(event.correlationId());
        }
        args.add(limit);
        return jdbc.query(SELECT + "where t.event_id is null and (e.aggregateidentifier = ? or " + sameCorrelation
                + ") order by e.globalindex limit ?", ROW, args.toArray());
    }

    /** The global index of the newest event (-1 for an empty store). */
    public long head() {
        Long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    Where where(EventFilter filter, boolean includeDeleted) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!includeDeleted) {
            conditions.add("t.event_id is null");
        }
        if (!filter.eventIds().isEmpty()) {
            conditions.add("e.eventidentifier in (" + placeholders(filter.eventIds().size()) + ")");
            args.addAll(filter.eventIds());
        }
        if (filter.aggregateId() != null) {
            conditions.add("e.aggregateidentifier = ?");
            args.add(filter.aggregateId());
        }
        if (!filter.eventTypes().isEmpty()) {
            List<String> types = EventTypeNames.payloadTypesNamed(filter.eventTypes(), storedPayloadTypes());
            conditions.add(types.isEmpty() ? "false" : "e.payloadtype in (" + placeholders(types.size()) + ")");
            args.addAll(types);
        }
        if (!filter.excludeEventTypes().isEmpty()) {
            List<String> types = EventTypeNames.payloadTypesNamed(filter.excludeEventTypes(), storedPayloadTypes());
            if (!types.isEmpty()) {
                conditions.add("e.payloadtype not in (" + placeholders(types.size()) + ")");
                args.addAll(types);
            }
        }
        // Axon writes timestamps as fixed-width ISO text (milliseconds, UTC), so text order is time order
        if (filter.startTime() != null) {
            conditions.add("e.timestamp >= ?");
            args.add(DateTimeUtils.formatInstant(filter.startTime()));
        }
        if (filter.endTime() != null) {
            conditions.add("e.timestamp <= ?");
            args.add(DateTimeUtils.formatInstant(filter.endTime()));
        }
        if (filter.userId() != null) {
            conditions.add(USER + " = ?");
            args.add(filter.userId());
        }
        if (filter.serviceName() != null && !SERVICE_NAME.equals(filter.serviceName())) {
            conditions.add("false");
        }
        if (filter.searchText() != null) {
            String pattern = "%" + filter.searchText().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(convert_from(e.payload, 'UTF8') ilike ? or e.aggregateidentifier ilike ? "
                    + "or e.eventidentifier = ?)");
            args.addAll(List.of(pattern, pattern, filter.searchText()));
        }
        if (filter.upToIndex() != null) {
            conditions.add("e.globalindex <= ?");
            args.add(filter.upToIndex());
        }
        return new Where(conditions.isEmpty() ? "where true" : "where " + String.join(" and ", conditions), args);
    }

    private List<String> storedPayloadTypes() {
        return jdbc.queryForList("select distinct payloadtype from domainevententry", String.class);
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
