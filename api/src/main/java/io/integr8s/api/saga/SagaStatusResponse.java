package io.integr8s.api.saga;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.projections.saga.SagaState;
import io.integr8s.projections.saga.SagaView;

import java.time.Instant;
import java.util.List;

/**
 * The contract's {@code SagaStatusResponse}. {@code retry_count} is 0: a saga step that fails ends the execution
 * (failed, with its sandbox deleted) instead of being retried.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SagaStatusResponse(String sagaId,
                                 String sagaName,
                                 String executionId,
                                 SagaState state,
                                 String currentStep,
                                 List<String> completedSteps,
                                 List<String> compensatedSteps,
                                 String errorMessage,
                                 Instant createdAt,
                                 Instant updatedAt,
                                 Instant completedAt,
                                 int retryCount) {

    static SagaStatusResponse of(SagaView view) {
        return new SagaStatusResponse(view.sagaId(), view.sagaName(), view.executionId(), view.state(),
                view.currentStep(), view.completedSteps(), view.compensatedSteps(), view.errorMessage(),
                view.createdAt(), view.updatedAt(), view.completedAt(), 0);
    }
}
