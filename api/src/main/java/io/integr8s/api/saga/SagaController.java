package io.integr8s.api.saga;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.stream.ExecutionAccess;
import io.integr8s.api.user.CurrentUser;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.WireEnums;
import io.integr8s.command.execution.api.CancelExecution;
import io.integr8s.projections.saga.SagaState;
import io.integr8s.projections.saga.SagaView;
import io.integr8s.query.saga.ListSagas;
import io.integr8s.query.saga.SagaNotFound;
import io.integr8s.query.saga.SagaPage;
import io.integr8s.query.saga.SagaQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The sagas of executions (contract: the "sagas" tag). A user sees the sagas of their own executions, an admin every
 * saga. Cancelling a saga cancels its execution; the saga then compensates (releases the slot, deletes the sandbox).
 */
@RestController
@Validated
@RequestMapping("/api/v1/sagas")
class SagaController {

    private final SagaQueries sagas;
    private final ExecutionAccess access;
    private final CommandGateway commandGateway;
    private final CurrentUserResolver users;

    SagaController(SagaQueries sagas, ExecutionAccess access, CommandGateway commandGateway, CurrentUserResolver users) {
        this.sagas = sagas;
        this.access = access;
        this.commandGateway = commandGateway;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SagaListResponse(List<SagaStatusResponse> sagas, long total, int skip, int limit, boolean hasMore) {

        static SagaListResponse of(SagaPage page) {
            return new SagaListResponse(page.items().stream().map(SagaStatusResponse::of).toList(), page.total(),
                    page.skip(), page.limit(), page.hasMore());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SagaCancellationResponse(boolean success, String message, String sagaId) {
    }

    @GetMapping("/")
    Mono<SagaListResponse> list(@RequestParam(required = false) String state,
                                @RequestParam(name = "execution_id", required = false) String executionId,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) int skip,
                                ServerWebExchange exchange) {
        SagaState stateFilter = WireEnums.parse("state", state, SagaState.class);
        return users.resolve(exchange).flatMap(user -> sagas.list(new ListSagas(user.isAdmin() ? null : user.id(),
                executionId, stateFilter, skip, limit))).map(SagaListResponse::of);
    }

    @GetMapping("/{sagaId}")
    Mono<SagaStatusResponse> get(@PathVariable String sagaId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> accessible(sagaId, user)).map(SagaStatusResponse::of);
    }

    /** The execution's sagas; someone else's execution is refused (403) rather than shown empty. */
    @GetMapping("/execution/{executionId}")
    Mono<SagaListResponse> ofExecution(@PathVariable String executionId,
                                       @RequestParam(required = false) String state,
                                       @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                       @RequestParam(defaultValue = "0") @Min(0) int skip,
                                       ServerWebExchange exchange) {
        SagaState stateFilter = WireEnums.parse("state", state, SagaState.class);
        return users.resolve(exchange).flatMap(user -> sagas.list(new ListSagas(null, executionId, stateFilter, skip, limit))
                .flatMap(page -> page.items().isEmpty() ? Mono.just(page)
                        : access.ifOwnedBy(user, executionId, page.items().get(0).ownerId(), page)))
                .map(SagaListResponse::of);
    }

    @PostMapping("/{sagaId}/cancel")
    Mono<SagaCancellationResponse> cancel(@PathVariable String sagaId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> accessible(sagaId, user).flatMap(saga -> {
            if (saga.state().isFinal() || saga.state() == SagaState.COMPENSATING) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "SagaNotCancellableError",
                        "Saga '" + sagaId + "' is not in a cancellable state: it is '" + saga.state().wireName()
                                + "'; only a created or running saga can be cancelled"));
            }
            return Mono.fromFuture(() -> commandGateway.<Object>send(new CancelExecution(saga.executionId(),
                            "Saga " + sagaId + " cancelled", user.id())))
                    .thenReturn(new SagaCancellationResponse(true, "Saga cancellation requested: execution '"
                            + saga.executionId() + "' is cancelled and its sandbox deleted", sagaId));
        }));
    }

    private Mono<SagaView> accessible(String sagaId, CurrentUser user) {
        return sagas.find(sagaId)
                .onErrorMap(SagaNotFound.class, notFound -> new ApiException(HttpStatus.NOT_FOUND, "SagaNotFoundError",
                        notFound.getMessage()))
                .flatMap(saga -> access.ifOwnedBy(user, saga.executionId(), saga.ownerId(), saga));
    }
}
