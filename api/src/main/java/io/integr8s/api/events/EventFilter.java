package io.integr8s.api.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which stored events a view, an export or a replay covers; every criterion is optional and they all apply together.
 * {@code userId} is the event's user: its owner, the user it concerns, or who made the change.
 *
 * @param upToIndex only events at or before this global index (a replay's end, fixed when it was created)
 */
public record EventFilter(List<String> eventIds, String aggregateId, List<String> eventTypes,
                          List<String> excludeEventTypes, Instant startTime, Instant endTime, String userId,
                          String serviceName, String searchText, Long upToIndex) {

    public EventFilter {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        excludeEventTypes = excludeEventTypes == null ? List.of() : List.copyOf(excludeEventTypes);
    }

    /** Whether nothing narrows it: a replay of the whole store is refused. */
    public boolean isEmpty() {
        return eventIds.isEmpty() && aggregateId == null && eventTypes.isEmpty() && excludeEventTypes.isEmpty()
                && startTime == null && endTime == null && userId == null && serviceName == null && searchText == null;
    }

    public static final String NUL_REFUSED = "NUL characters (\\u0000) are not allowed in filters; remove them";

    /** Whether a text holds a NUL character, which PostgreSQL text cannot hold (a query would fail). */
    public boolean hasNulCharacter() {
        List<String> texts = new ArrayList<>(eventIds);
        texts.addAll(eventTypes);
        texts.addAll(excludeEventTypes);
        texts.addAll(Arrays.asList(aggregateId, userId, serviceName, searchText));
        return texts.stream().anyMatch(text -> text != null && text.indexOf('\u0000') >= 0);
    }

    public EventFilter upTo(long globalIndex) {
        return new EventFilter(eventIds, aggregateId, eventTypes, excludeEventTypes, startTime, endTime, userId,
                serviceName, searchText, globalIndex);
    }
}
