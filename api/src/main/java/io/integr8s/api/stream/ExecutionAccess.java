package io.integr8s.api.stream;

import io.integr8s.api.user.CurrentUser;
import io.integr8s.api.web.ApiException;
import io.integr8s.command.execution.api.ExecutionRequested;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;

/** Loads an execution's stored history for a user: 404 when it does not exist, 403 when it is someone else's. */
@Component
public class ExecutionAccess {

    private final ExecutionHistory history;

    public ExecutionAccess(ExecutionHistory history) {
        this.history = history;
    }

    public Mono<List<ExecutionEventEnvelope>> historyFor(String executionId, CurrentUser user) {
        return history.read(executionId).flatMap(events -> {
            if (events.isEmpty() || !(events.get(0).payload() instanceof ExecutionRequested requested)) {
                return Mono.error(ApiException.executionNotFound(executionId));
            }
            return ifOwnedBy(user, executionId, requested.ownerId(), events);
        });
    }

    /** The ownership rule, in one place for every view of an execution: only its owner (or an admin) may see or change it. */
    public <T> Mono<T> ifOwnedBy(CurrentUser user, String executionId, String ownerId, T subject) {
        return user.mayAccessOwnedBy(ownerId)
                ? Mono.just(subject)
                : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "ForbiddenError",
                        "Execution '" + executionId + "' belongs to another user"));
    }
}
