package io.integr8s.api.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ValidationProblem.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The admin events' request bodies (contract: EventBrowseRequest, EventFilter) and their rules. */
final class EventRequests {

    static final int MAX_BROWSE = 500;

    private EventRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FilterBody(List<String> eventTypes, String aggregateId, String userId, Instant startTime, Instant endTime,
                      String serviceName, String searchText) {

        EventFilter filter() {
            return new EventFilter(null, aggregateId, eventTypes, null, startTime, endTime, userId, serviceName,
                    searchText, null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BrowseRequest(FilterBody filters, Integer skip, Integer limit) {

        int skipOrDefault() {
            return skip == null ? 0 : skip;
        }

        int limitOrDefault() {
            return limit == null ? 50 : limit;
        }

        BrowseRequest validated() {
            List<Violation> violations = new ArrayList<>();
            if (filters == null) {
                violations.add(violation(List.of("body", "filters"), null,
                        "filters is required; send {} to browse every event"));
            } else {
                violations.addAll(eventTypeViolations(List.of("body", "filters", "event_types"), filters.eventTypes()));
                if (filters.filter().hasNulCharacter()) {
                    violations.add(violation(List.of("body", "filters"), null, EventFilter.NUL_REFUSED));
                }
            }
            if (skipOrDefault() < 0) {
                violations.add(violation(List.of("body", "skip"), skip, "skip must be 0 or more"));
            }
            if (limitOrDefault() < 1 || limitOrDefault() > MAX_BROWSE) {
                violations.add(violation(List.of("body", "limit"), limit, "limit must be between 1 and " + MAX_BROWSE));
            }
            if (!violations.isEmpty()) {
                throw new ApiBodyValidationException(violations);
            }
            return this;
        }
    }

    /** Names that cannot be event types (a typo, an injection attempt) are refused rather than matching nothing. */
    static List<Violation> eventTypeViolations(List<Object> loc, List<String> names) {
        return names == null ? List.of() : names.stream().filter(name -> !EventTypeNames.wellFormed(name))
                .map(name -> violation(loc, name, "'" + name + "' is not an event type; use snake_case names such as "
                        + "execution_completed"))
                .toList();
    }

    static Violation violation(List<Object> loc, Object input, String message) {
        return new Violation("value_error", loc, message, input);
    }
}
