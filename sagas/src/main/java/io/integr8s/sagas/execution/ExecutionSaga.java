package io.integr8s.sagas.execution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionEnded;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.ExpireExecution;
import io.integr8s.command.sandbox.api.CreateSandbox;
import io.integr8s.command.sandbox.api.DeleteSandbox;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

/**
 * Drives one admitted execution: creates its sandbox, guards it with a durable deadline and removes the sandbox
 * on every terminal path. State and token commit together, so a restart neither repeats nor skips a step.
 */
@Saga
public class ExecutionSaga {

    /** Axon's default processor name for this saga (its simple class name + "Processor"); its tokens carry it. */
    public static final String PROCESSOR = "ExecutionSagaProcessor";

    static final String DEADLINE = "execution-deadline";

    private String executionId;
    private String deadlineId;
    private int deadlineSeconds;

    @JsonIgnore
    private transient CommandGateway commandGateway;
    @JsonIgnore
    private transient DeadlineManager deadlineManager;
    @JsonIgnore
    private transient ExecutionSagaProperties properties;

    @StartSaga
    @SagaEventHandler(associationProperty = "executionId")
    public void on(ExecutionScheduled event) {
        executionId = event.executionId();
        deadlineSeconds = event.timeoutSeconds() + (int) properties.deadlineGrace().toSeconds();
        deadlineId = deadlineManager.schedule(Duration.ofSeconds(deadlineSeconds), DEADLINE, executionId);
        commandGateway.sendAndWait(new CreateSandbox(event.executionId(), event.script(), event.lang(),
                event.langVersion(), event.timeoutSeconds(), event.memoryLimit(), event.cpuLimit()));
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void onDeadline(String executionId) {
        commandGateway.sendAndWait(new ExpireExecution(executionId, "No result from the sandbox within "
                + deadlineSeconds + " s (the time limit plus a grace period); the run was stopped"));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "executionId")
    public void on(ExecutionCompleted event) {
        end(event, "completed");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "executionId")
    public void on(ExecutionFailed event) {
        end(event, "failed");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "executionId")
    public void on(ExecutionTimedOut event) {
        end(event, "timed out");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "executionId")
    public void on(ExecutionCancelled event) {
        end(event, "cancelled: " + event.reason());
    }

    private void end(ExecutionEnded event, String reason) {
        if (deadlineId != null) {
            deadlineManager.cancelSchedule(DEADLINE, deadlineId);
        }
        commandGateway.sendAndWait(new DeleteSandbox(event.executionId(), reason));
    }

    @Autowired
    public void setCommandGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Autowired
    public void setDeadlineManager(DeadlineManager deadlineManager) {
        this.deadlineManager = deadlineManager;
    }

    @Autowired
    public void setProperties(ExecutionSagaProperties properties) {
        this.properties = properties;
    }

    // bean-style state for the saga serializer

    public String getExecutionId() {
        return executionId;
    }

    public void setExecutionId(String executionId) {
        this.executionId = executionId;
    }

    public String getDeadlineId() {
        return deadlineId;
    }

    public void setDeadlineId(String deadlineId) {
        this.deadlineId = deadlineId;
    }

    public int getDeadlineSeconds() {
        return deadlineSeconds;
    }

    public void setDeadlineSeconds(int deadlineSeconds) {
        this.deadlineSeconds = deadlineSeconds;
    }
}
