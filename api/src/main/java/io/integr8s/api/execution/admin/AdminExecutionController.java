package io.integr8s.api.execution.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.Blocking;
import io.integr8s.api.web.WireEnums;
import io.integr8s.command.execution.api.ChangeExecutionPriority;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.query.execution.ExecutionNotFound;
import io.integr8s.query.execution.ExecutionQueries;
import io.integr8s.query.execution.ListAllExecutions;
import io.integr8s.sagas.coordinator.Coordinator;
import io.integr8s.sagas.coordinator.QueueStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every user's executions, their admission priority and the coordinator's queue (contract: "admin-executions"). */
@RestController
@Validated
@RequestMapping("/api/v1/admin/executions")
class AdminExecutionController {

    private final ExecutionQueries queries;
    private final CommandGateway commandGateway;
    private final Coordinator coordinator;
    private final CurrentUserResolver users;

    AdminExecutionController(ExecutionQueries queries, CommandGateway commandGateway, Coordinator coordinator,
                             CurrentUserResolver users) {
        this.queries = queries;
        this.commandGateway = commandGateway;
        this.coordinator = coordinator;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AdminExecutionListResponse(List<AdminExecutionResponse> executions, long total, int limit, int skip,
                                      boolean hasMore) {
    }

    record PriorityUpdateRequest(@NotNull(message = "priority is required; one of critical, high, normal, low, background")
                                 Priority priority) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record QueueStatusResponse(int queueDepth, int activeCount, int maxConcurrent, Map<String, Integer> byPriority) {

        static QueueStatusResponse of(QueueStatus status) {
            Map<String, Integer> byPriority = new LinkedHashMap<>();
            status.waitingByPriority().forEach((priority, count) -> byPriority.put(priority.wireName(), count));
            return new QueueStatusResponse(status.waiting(), status.admitted(), status.maxConcurrent(), byPriority);
        }
    }

    @GetMapping("/")
    Mono<AdminExecutionListResponse> list(@RequestParam(required = false) String status,
                                          @RequestParam(required = false) String priority,
                                          @RequestParam(name = "user_id", required = false) String userId,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                                          @RequestParam(defaultValue = "0") @Min(0) int skip) {
        ListAllExecutions query = new ListAllExecutions(WireEnums.parse("status", status, ExecutionStatus.class),
                WireEnums.parse("priority", priority, Priority.class), userId, skip, limit);
        return queries.listAll(query).map(page -> new AdminExecutionListResponse(
                page.items().stream().map(AdminExecutionResponse::of).toList(), page.total(), page.limit(),
                page.skip(), page.hasMore()));
    }

    /**
     * Re-prioritises a queued execution; the coordinator re-orders its queue from the resulting event. The answer is
     * the execution as the read model has it, with the priority just set (the read model follows a moment later).
     */
    @PutMapping("/{executionId}/priority")
    Mono<AdminExecutionResponse> changePriority(@PathVariable String executionId,
                                                @Valid @RequestBody PriorityUpdateRequest body,
                                                ServerWebExchange exchange) {
        return users.resolve(exchange)
                .flatMap(admin -> Mono.fromFuture(() -> commandGateway.<Object>send(
                        new ChangeExecutionPriority(executionId, body.priority(), admin.id()))))
                // the view exists from the request on; right after a submit the projection may be a moment behind
                .then(queries.find(executionId).retryWhen(Retry.backoff(5, Duration.ofMillis(50))
                        .filter(ExecutionNotFound.class::isInstance)))
                .map(view -> AdminExecutionResponse.of(view).withPriority(body.priority()));
    }

    @GetMapping("/queue")
    Mono<QueueStatusResponse> queue() {
        return Blocking.call(coordinator::status).map(QueueStatusResponse::of);
    }
}
