package io.integr8s.api.execution;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.stream.ExecutionEventEnvelope;
import io.integr8s.api.stream.ExecutionHistory;
import io.integr8s.api.stream.LifecycleNames;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.projections.execution.ExecutionView;
import io.integr8s.query.execution.ExecutionQueries;
import io.integr8s.query.execution.ExecutionStatusCounts;
import io.integr8s.query.execution.ListExecutions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one user's executions amount to, for the admin overview: counts per outcome over all of them (read model),
 * and event statistics and the latest events over the {@value #SAMPLE} most recent ones (their stored histories).
 */
@Component
public class ExecutionActivity {

    static final int SAMPLE = 50;
    private static final int RECENT_EVENTS = 10;

    private final ExecutionQueries queries;
    private final ExecutionHistory history;

    public ExecutionActivity(ExecutionQueries queries, ExecutionHistory history) {
        this.queries = queries;
        this.history = history;
    }

    public Mono<Summary> of(String userId) {
        Mono<List<ExecutionView>> latest = queries.list(new ListExecutions(userId, null, null, null, null, 0, SAMPLE))
                .map(page -> page.items());
        return Mono.zip(queries.countByStatus(userId), latest).flatMap(found -> Flux.fromIterable(found.getT2())
                .concatMap(view -> history.read(view.executionId()))
                .flatMapIterable(Function.identity())
                .collectList()
                .map(events -> new Summary(statistics(userId, events, found.getT1(), found.getT2()),
                        DerivedCounts.of(found.getT1()), recent(userId, events))));
    }

    private static EventStatistics statistics(String userId, List<ExecutionEventEnvelope> events, ExecutionStatusCounts counts,
                                              List<ExecutionView> views) {
        Map<String, Long> byType = events.stream().collect(Collectors.groupingBy(
                event -> LifecycleNames.primary(event.payload()), TreeMap::new, Collectors.counting()));
        Map<Instant, Long> byHour = events.stream().collect(Collectors.groupingBy(
                event -> event.timestamp().truncatedTo(ChronoUnit.HOURS), TreeMap::new, Collectors.counting()));
        long terminal = DerivedCounts.of(counts).terminalTotal();
        long failures = counts.of(ExecutionStatus.FAILED) + counts.of(ExecutionStatus.TIMEOUT) + counts.of(ExecutionStatus.ERROR);
        double averageSeconds = views.stream().filter(view -> view.resourceUsage() != null)
                .mapToDouble(view -> view.resourceUsage().wallTimeSeconds()).average().orElse(0);
        return new EventStatistics(events.size(),
                byType.entrySet().stream().map(e -> new TypeCount(e.getKey(), e.getValue())).toList(),
                events.isEmpty() ? List.of() : List.of(new ServiceCount("integr8s", events.size())),
                byHour.entrySet().stream().map(e -> new HourCount(e.getKey().toString(), e.getValue())).toList(),
                events.isEmpty() ? List.of() : List.of(new UserCount(userId, events.size())),
                terminal == 0 ? 0 : (double) failures / terminal, averageSeconds,
                events.stream().map(ExecutionEventEnvelope::timestamp).min(Comparator.naturalOrder()).orElse(null),
                events.stream().map(ExecutionEventEnvelope::timestamp).max(Comparator.naturalOrder()).orElse(null));
    }

    private static List<Map<String, Object>> recent(String userId, List<ExecutionEventEnvelope> events) {
        Map<String, String> podNames = events.stream().filter(event -> event.payload() instanceof PodCreated)
                .collect(Collectors.toMap(ExecutionEventEnvelope::executionId,
                        event -> ((PodCreated) event.payload()).podName(), (first, second) -> first));
        return events.stream().sorted(Comparator.comparing(ExecutionEventEnvelope::timestamp).reversed())
                .limit(RECENT_EVENTS)
                .map(event -> ContractEventMapper.toContract(event, userId, podNames.get(event.executionId()), true))
                .toList();
    }

    public record Summary(EventStatistics stats, DerivedCounts derivedCounts, List<Map<String, Object>> recentEvents) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EventStatistics(long totalEvents, List<TypeCount> eventsByType, List<ServiceCount> eventsByService,
                                  List<HourCount> eventsByHour, List<UserCount> topUsers, double errorRate,
                                  double avgProcessingTime, Instant startTime, Instant endTime) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TypeCount(String eventType, long count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ServiceCount(String serviceName, long count) {
    }

    public record HourCount(String hour, long count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserCount(String userId, long eventCount) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DerivedCounts(long succeeded, long failed, long timeout, long cancelled, long terminalTotal) {

        static DerivedCounts of(ExecutionStatusCounts counts) {
            long succeeded = counts.of(ExecutionStatus.COMPLETED);
            long failed = counts.of(ExecutionStatus.FAILED) + counts.of(ExecutionStatus.ERROR);
            long timeout = counts.of(ExecutionStatus.TIMEOUT);
            long cancelled = counts.of(ExecutionStatus.CANCELLED);
            return new DerivedCounts(succeeded, failed, timeout, cancelled, succeeded + failed + timeout + cancelled);
        }
    }
}
