package io.integr8s.api.replay;

import io.integr8s.api.events.EventFilter;
import io.integr8s.api.events.EventTypeNames;
import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ValidationProblem.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The bounds of a replay request (contract: ReplayRequest); every broken one is answered as a 422 at its field. */
final class ReplayConfigRules {

    static final Set<String> TYPES = Set.of("execution", "time_range", "event_type", "query", "recovery");
    static final int MAX_EVENT_IDS = 1000;
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private ReplayConfigRules() {
    }

    /** The request with its defaults, or a 422 listing what is wrong. */
    static ReplayConfig validated(ReplayConfig request) {
        List<Violation> violations = new ArrayList<>();
        ReplayConfig config = request.withDefaults();
        if (config.replayType() == null || !TYPES.contains(config.replayType())) {
            violations.add(violation("replay_type", config.replayType(), "replay_type must be one of " + sorted(TYPES)));
        }
        if (!config.target().equals(ReplayConfig.KAFKA)) {
            violations.add(violation("target", config.target(), "target must be kafka: this installation replays to "
                    + "Kafka only (callback, file and test targets are not offered)"));
        }
        if (config.speedMultiplier() < 0.1 || config.speedMultiplier() > ReplayConfig.FULL_SPEED) {
            violations.add(violation("speed_multiplier", config.speedMultiplier(), "speed_multiplier must be from 0.1 "
                    + "to 100 (100 = as fast as Kafka takes them)"));
        }
        if (config.batchSize() < 1 || config.batchSize() > 1000) {
            violations.add(violation("batch_size", config.batchSize(), "batch_size must be from 1 to 1000"));
        }
        if (config.maxEvents() != null && config.maxEvents() < 1) {
            violations.add(violation("max_events", config.maxEvents(), "max_events must be 1 or more, or null for all"));
        }
        if (config.retryAttempts() < 1 || config.retryAttempts() > 10) {
            violations.add(violation("retry_attempts", config.retryAttempts(), "retry_attempts must be from 1 to 10"));
        }
        violations.addAll(filterViolations(config.filter()));
        Map<String, String> topics = Objects.requireNonNullElse(config.targetTopics(), Map.of());
        topics.forEach((type, topic) -> {
            if (!EventTypeNames.wellFormed(type) || topic == null || !TOPIC.matcher(topic).matches()) {
                violations.add(violation("target_topics", type + "=" + topic, "target_topics maps event types "
                        + "(snake_case) to Kafka topic names of letters, digits, '.', '_' and '-'"));
            }
        });
        if (!violations.isEmpty()) {
            throw new ApiBodyValidationException(violations);
        }
        return config;
    }

    private static List<Violation> filterViolations(ReplayConfig.Filter filter) {
        List<Violation> violations = new ArrayList<>();
        EventFilter events = filter.events();
        if (events.isEmpty()) {
            violations.add(new Violation("value_error", List.of("body", "filter"), "filter must narrow the replay "
                    + "(event_ids, execution_id, aggregate_id, event_types, a time range, user_id…): replaying the "
                    + "whole store is refused", null));
        }
        if (filter.executionId() != null && filter.aggregateId() != null
                && !filter.executionId().equals(filter.aggregateId())) {
            violations.add(new Violation("value_error", List.of("body", "filter", "execution_id"), "execution_id and "
                    + "aggregate_id name different aggregates; give one of them", filter.executionId()));
        }
        if (events.hasNulCharacter()) {
            violations.add(new Violation("value_error", List.of("body", "filter"), EventFilter.NUL_REFUSED,
                    null));
        }
        if (events.eventIds().size() > MAX_EVENT_IDS) {
            violations.add(new Violation("value_error", List.of("body", "filter", "event_ids"), "at most "
                    + MAX_EVENT_IDS + " event_ids; narrow by aggregate or time instead", events.eventIds().size()));
        }
        for (String type : concat(events.eventTypes(), events.excludeEventTypes())) {
            if (!EventTypeNames.wellFormed(type)) {
                violations.add(new Violation("value_error", List.of("body", "filter", "event_types"), "'" + type
                        + "' is not an event type; use snake_case names such as execution_completed", type));
            }
        }
        return violations;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Violation violation(String field, Object input, String message) {
        return new Violation("value_error", List.of("body", field), message, input);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
