package io.integr8s.api.execution;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.stream.ExecutionAccess;
import io.integr8s.api.stream.ExecutionEventEnvelope;
import io.integr8s.api.stream.ExecutionStory;
import io.integr8s.api.stream.LifecycleNames;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.WireEnums;
import io.integr8s.command.execution.api.CancelExecution;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.projections.execution.ExecutionView;
import io.integr8s.query.execution.ExecutionNotFound;
import io.integr8s.query.execution.ExecutionQueries;
import io.integr8s.query.execution.ListExecutions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Submit, inspect, cancel and retry executions (contract: the "execution" tag). */
@RestController
@Validated
public class ExecutionController {

    private final ExecutionSubmission submission;
    private final ExecutionAccess access;
    private final ExecutionQueries queries;
    private final CommandGateway commandGateway;
    private final CurrentUserResolver users;

    public ExecutionController(ExecutionSubmission submission, ExecutionAccess access, ExecutionQueries queries,
                               CommandGateway commandGateway, CurrentUserResolver users) {
        this.submission = submission;
        this.access = access;
        this.queries = queries;
        this.commandGateway = commandGateway;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ExecutionResponse(String executionId, ExecutionStatus status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CancelResponse(String executionId, String status, String message, String eventId) {
    }

    public record CancelRequest(String reason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ExecutionListResponse(List<ExecutionResultResponse> executions, long total, int limit, int skip,
                                        boolean hasMore) {
    }

    @PostMapping("/api/v1/execute")
    public Mono<ExecutionResponse> execute(@Valid @RequestBody ExecutionRequestBody body,
                                           @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                           ServerWebExchange exchange) {
        return users.resolve(exchange)
                .flatMap(user -> submission.submit(user, body.script(), body.langOrDefault(),
                        body.langVersionOrDefault(), Priority.NORMAL, idempotencyKey))
                .map(id -> new ExecutionResponse(id, ExecutionStatus.QUEUED));
    }

    @GetMapping("/api/v1/executions/{executionId}/result")
    public Mono<ExecutionResultResponse> result(@PathVariable String executionId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> queries.find(executionId)
                .flatMap(view -> access.ifOwnedBy(user, executionId, view.ownerId(), view))
                .map(ExecutionController::toResponse)
                // the read model trails the event store by a moment; right after a submit, answer from the store
                .onErrorResume(ExecutionNotFound.class, notYetProjected -> access.historyFor(executionId, user)
                        .map(events -> ExecutionStory.of(executionId, events).resultResponse())));
    }

    @PostMapping("/api/v1/executions/{executionId}/cancel")
    public Mono<CancelResponse> cancel(@PathVariable String executionId,
                                       @RequestBody(required = false) CancelRequest request,
                                       ServerWebExchange exchange) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? "User requested cancellation" : request.reason();
        return users.resolve(exchange).flatMap(user -> access.historyFor(executionId, user).flatMap(events -> {
            if (ExecutionStory.of(executionId, events).status() == ExecutionStatus.CANCELLED) {
                return Mono.just(new CancelResponse(executionId, "already_cancelled", "Execution was already cancelled", null));
            }
            return Mono.fromFuture(() -> commandGateway.<Object>send(new CancelExecution(executionId, reason, user.id())))
                    .thenReturn(new CancelResponse(executionId, "cancellation_requested",
                            "Cancellation requested; the sandbox is being stopped", null));
        }));
    }

    @PostMapping("/api/v1/executions/{executionId}/retry")
    public Mono<ExecutionResponse> retry(@PathVariable String executionId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> access.historyFor(executionId, user).flatMap(events -> {
            ExecutionStory story = ExecutionStory.of(executionId, events);
            if (!story.hasEnded()) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "InvalidExecutionState",
                        "Execution '" + executionId + "' is still " + story.status().wireName()
                                + "; retry it once it has ended (or cancel it first)"));
            }
            ExecutionRequested original = (ExecutionRequested) events.get(0).payload();
            return submission.submit(user, original.script(), original.lang(), original.langVersion(),
                    original.priority(), null);
        })).map(id -> new ExecutionResponse(id, ExecutionStatus.QUEUED));
    }

    @GetMapping("/api/v1/executions/{executionId}/events")
    public Mono<List<Map<String, Object>>> events(@PathVariable String executionId,
                                                  @RequestParam(name = "event_types", required = false) List<String> eventTypes,
                                                  @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                                  ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> access.historyFor(executionId, user).map(events -> {
            String podName = events.stream().map(ExecutionEventEnvelope::payload)
                    .filter(PodCreated.class::isInstance).map(p -> ((PodCreated) p).podName()).findFirst().orElse(null);
            return events.stream()
                    .filter(event -> eventTypes == null || eventTypes.isEmpty()
                            || eventTypes.contains(LifecycleNames.primary(event.payload())))
                    .limit(limit)
                    .map(event -> ContractEventMapper.toContract(event, user.id(), podName, user.isAdmin()))
                    .toList();
        }));
    }

    @GetMapping("/api/v1/user/executions")
    public Mono<ExecutionListResponse> userExecutions(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String lang,
            @RequestParam(name = "start_time", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant startTime,
            @RequestParam(name = "end_time", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant endTime,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int skip,
            ServerWebExchange exchange) {
        ExecutionStatus statusFilter = WireEnums.parse("status", status, ExecutionStatus.class);
        return users.resolve(exchange)
                .flatMap(user -> queries.list(new ListExecutions(user.id(), statusFilter, lang, startTime, endTime, skip, limit)))
                .map(page -> new ExecutionListResponse(page.items().stream().map(ExecutionController::toResponse).toList(),
                        page.total(), page.limit(), page.skip(), page.hasMore()));
    }


    static ExecutionResultResponse toResponse(ExecutionView view) {
        return new ExecutionResultResponse(view.executionId(), view.status(), view.stdout(), view.stderr(), view.lang(),
                view.langVersion(), ResourceUsageResponse.from(view.resourceUsage()), view.exitCode(), view.errorType(),
                view.priority(), view.stdoutTruncated(), view.stderrTruncated(), view.message() != null ? view.message()
                : view.cancelReason(), view.createdAt(), view.finishedAt());
    }
}
