package io.integr8s.executor;

import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.RecordExecutionFinished;
import io.integr8s.command.execution.api.RecordExecutionStarted;
import io.integr8s.command.execution.api.RecordPodCreated;
import io.integr8s.command.execution.api.RecordPodDeleted;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the {@code Execution} aggregate what happened to its sandbox. A rejection is an answer, not an error: the
 * execution already ended (cancelled, expired) or the sandbox was claimed before, so the report is dropped.
 */
@Component
public class ExecutionReporter {

    private static final Logger log = LoggerFactory.getLogger(ExecutionReporter.class);

    private final CommandGateway commandGateway;

    public ExecutionReporter(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Claims the right to run this execution; true only for the first claim. Joins the caller's unit of work. */
    public boolean claimSandbox(String executionId, String podName) {
        return send(new RecordPodCreated(executionId, podName), executionId);
    }

    /** False if the execution no longer accepts the start (it ended meanwhile): then the run should stop. */
    public boolean started(String executionId) {
        return send(new RecordExecutionStarted(executionId), executionId);
    }

    public void finished(String executionId, SandboxResult result) {
        send(new RecordExecutionFinished(executionId, result.outcome(), result.result()), executionId);
    }

    /** A pod lifecycle fact ({@code RecordPodScheduled}, {@code RecordPodRunning}, …); false if it was refused. */
    public boolean podFact(String executionId, Object recordCommand) {
        return send(recordCommand, executionId);
    }

    public void sandboxDeleted(String executionId) {
        send(new RecordPodDeleted(executionId), executionId);
    }

    private boolean send(Object command, String executionId) {
        try {
            commandGateway.sendAndWait(command);
            return true;
        } catch (ExecutionRuleViolation rejected) {
            log.debug("Execution {} did not accept {}: {}", executionId, command.getClass().getSimpleName(),
                    rejected.getMessage());
            return false;
        } catch (AggregateNotFoundException unknown) {
            log.debug("Execution {} is unknown; {} dropped", executionId, command.getClass().getSimpleName());
            return false;
        }
    }
}
