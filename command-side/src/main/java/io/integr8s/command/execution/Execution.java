package io.integr8s.command.execution;

import io.integr8s.command.execution.api.AdmitExecution;
import io.integr8s.command.execution.api.CancelExecution;
import io.integr8s.command.execution.api.ChangeExecutionPriority;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionPriorityChanged;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.ExpireExecution;
import io.integr8s.command.execution.api.InvalidExecutionRequest;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.PodFailed;
import io.integr8s.command.execution.api.PodRunning;
import io.integr8s.command.execution.api.PodScheduled;
import io.integr8s.command.execution.api.PodSucceeded;
import io.integr8s.command.execution.api.PodTerminated;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.RecordExecutionFinished;
import io.integr8s.command.execution.api.RecordExecutionStarted;
import io.integr8s.command.execution.api.RecordPodCreated;
import io.integr8s.command.execution.api.RecordPodDeleted;
import io.integr8s.command.execution.api.RecordPodFailed;
import io.integr8s.command.execution.api.RecordPodRunning;
import io.integr8s.command.execution.api.RecordPodScheduled;
import io.integr8s.command.execution.api.RecordPodSucceeded;
import io.integr8s.command.execution.api.RecordPodTerminated;
import io.integr8s.command.execution.api.RequestExecution;
import io.integr8s.command.runtime.RuntimeRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One script run. Decides every lifecycle transition; a terminal status is final.
 * <p>
 * Pod facts (scheduled, running, and one end: succeeded, failed or terminated) come from a Kubernetes executor's
 * monitor, which may see a pod more than once (informer resyncs, several replicas, restarts): each is recorded once
 * and repeats are ignored. Scheduled and running are refused once the execution ended; the pod's end may come after
 * the execution's (a deadline ended the run, then the pod was killed). Nothing is recorded after the pod's deletion.
 */
public class Execution {

    public static final int MAX_SCRIPT_CHARACTERS = 50_000;

    @AggregateIdentifier
    private String executionId;
    private String ownerId;
    private String script;
    private String lang;
    private String langVersion;
    private int timeoutSeconds;
    private String memoryLimit;
    private String cpuLimit;
    private Priority priority;
    private ExecutionStatus status;
    private boolean podCreated;
    private boolean podDeleted;
    private boolean podScheduled;
    private boolean podRunning;
    private boolean podEnded;

    protected Execution() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Execution(RequestExecution command, RuntimeRegistry runtimes) {
        if (command.script() == null || command.script().isBlank()) {
            throw new InvalidExecutionRequest("script", command.script(), "The script is empty; send the code to run");
        }
        int characters = command.script().codePointCount(0, command.script().length());
        if (characters > MAX_SCRIPT_CHARACTERS) {
            throw new InvalidExecutionRequest("script", characters,
                    "The script has " + characters + " characters; the limit is " + MAX_SCRIPT_CHARACTERS);
        }
        if (!runtimes.supports(command.lang(), command.langVersion())) {
            throw new InvalidExecutionRequest("lang", command.lang() + " " + command.langVersion(),
                    "Unsupported runtime '" + command.lang() + " " + command.langVersion()
                            + "'; supported: " + runtimes.describe());
        }
        if (command.timeoutSeconds() <= 0) {
            throw new InvalidExecutionRequest("timeout_seconds", command.timeoutSeconds(),
                    "The timeout must be at least one second");
        }
        apply(new ExecutionRequested(command.executionId(), command.ownerId(), command.script(), command.lang(),
                command.langVersion(), command.priority(), command.timeoutSeconds(), command.memoryLimit(),
                command.cpuLimit(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(AdmitExecution command) {
        rejectIfEnded("admit");
        if (status == ExecutionStatus.QUEUED) {
            apply(new ExecutionScheduled(executionId, ownerId, script, lang, langVersion, timeoutSeconds, memoryLimit,
                    cpuLimit));
        }
    }

    /** Only a queued execution can move in the queue; setting the priority it already has records nothing. */
    @CommandHandler
    public void handle(ChangeExecutionPriority command) {
        if (status != ExecutionStatus.QUEUED) {
            throw ExecutionRuleViolation.notQueued(executionId, status);
        }
        if (command.priority() != priority) {
            apply(new ExecutionPriorityChanged(executionId, ownerId, priority, command.priority(), command.changedBy()));
        }
    }

    @CommandHandler
    public void handle(RecordPodCreated command) {
        rejectIfEnded("create a sandbox for");
        if (podCreated) {
            throw ExecutionRuleViolation.sandboxAlreadyCreated(executionId);
        }
        if (status != ExecutionStatus.SCHEDULED) {
            throw ExecutionRuleViolation.wrongState(executionId, status, "create a sandbox for");
        }
        apply(new PodCreated(executionId, ownerId, command.podName()));
    }

    @CommandHandler
    public void handle(RecordPodScheduled command) {
        rejectIfEnded("record the pod scheduling of");
        if (acceptsPodFact("record the pod scheduling of") && !podScheduled) {
            apply(new PodScheduled(executionId, ownerId, command.podName(), command.nodeName()));
        }
    }

    @CommandHandler
    public void handle(RecordPodRunning command) {
        rejectIfEnded("record the running pod of");
        if (acceptsPodFact("record the running pod of") && !podRunning) {
            apply(new PodRunning(executionId, ownerId, command.podName(), command.containerStatuses()));
        }
    }

    @CommandHandler
    public void handle(RecordPodSucceeded command) {
        if (acceptsPodFact("record the pod end of") && !podEnded) {
            apply(new PodSucceeded(executionId, ownerId, command.podName(), command.exitCode(),
                    command.containerStatuses()));
        }
    }

    @CommandHandler
    public void handle(RecordPodFailed command) {
        if (acceptsPodFact("record the pod end of") && !podEnded) {
            apply(new PodFailed(executionId, ownerId, command.podName(), command.exitCode(), command.reason(),
                    command.containerStatuses()));
        }
    }

    @CommandHandler
    public void handle(RecordPodTerminated command) {
        if (acceptsPodFact("record the pod end of") && !podEnded) {
            apply(new PodTerminated(executionId, ownerId, command.podName(), command.reason()));
        }
    }

    /** Refuses a pod fact without a pod; false (ignore it) once the pod was deleted: a late report of a gone pod. */
    private boolean acceptsPodFact(String action) {
        if (!podCreated) {
            throw ExecutionRuleViolation.wrongState(executionId, status, action);
        }
        return !podDeleted;
    }

    @CommandHandler
    public void handle(RecordExecutionStarted command) {
        rejectIfEnded("start");
        if (!podCreated || status != ExecutionStatus.SCHEDULED) {
            throw ExecutionRuleViolation.wrongState(executionId, status, "start");
        }
        apply(new ExecutionStarted(executionId, ownerId));
    }

    @CommandHandler
    public void handle(RecordExecutionFinished command) {
        rejectIfEnded("finish");
        if (!podCreated) {
            throw ExecutionRuleViolation.wrongState(executionId, status, "finish");
        }
        ExecutionResult result = command.result();
        switch (command.outcome()) {
            case COMPLETED -> apply(new ExecutionCompleted(executionId, ownerId, result));
            case FAILED -> apply(new ExecutionFailed(executionId, ownerId, result));
            case TIMED_OUT -> apply(new ExecutionTimedOut(executionId, ownerId, result));
        }
    }

    @CommandHandler
    public void handle(ExpireExecution command) {
        if (status.isTerminal()) {
            return; // the result arrived first; the deadline lost the race, which is fine
        }
        apply(new ExecutionTimedOut(executionId, ownerId, new ExecutionResult(-1, "", "", false, false, null,
                ErrorType.TIMEOUT, command.reason())));
    }

    @CommandHandler
    public void handle(CancelExecution command) {
        rejectIfEnded("cancel");
        apply(new ExecutionCancelled(executionId, ownerId, command.reason(), command.requestedBy(), status));
    }

    @CommandHandler
    public void handle(RecordPodDeleted command) {
        if (podCreated && !podDeleted) {
            apply(new PodDeleted(executionId, ownerId));
        }
    }

    private void rejectIfEnded(String action) {
        if (status.isTerminal()) {
            throw ExecutionRuleViolation.alreadyEnded(executionId, status, action);
        }
    }

    @EventSourcingHandler
    void on(ExecutionRequested event) {
        executionId = event.executionId();
        ownerId = event.ownerId();
        script = event.script();
        lang = event.lang();
        langVersion = event.langVersion();
        timeoutSeconds = event.timeoutSeconds();
        memoryLimit = event.memoryLimit();
        cpuLimit = event.cpuLimit();
        priority = event.priority();
        status = ExecutionStatus.QUEUED;
    }

    @EventSourcingHandler
    void on(ExecutionPriorityChanged event) {
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(ExecutionScheduled event) {
        status = ExecutionStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(PodCreated event) {
        podCreated = true;
    }

    @EventSourcingHandler
    void on(PodScheduled event) {
        podScheduled = true;
    }

    @EventSourcingHandler
    void on(PodRunning event) {
        podRunning = true;
    }

    @EventSourcingHandler
    void on(PodSucceeded event) {
        podEnded = true;
    }

    @EventSourcingHandler
    void on(PodFailed event) {
        podEnded = true;
    }

    @EventSourcingHandler
    void on(PodTerminated event) {
        podEnded = true;
    }

    @EventSourcingHandler
    void on(ExecutionStarted event) {
        status = ExecutionStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(ExecutionCompleted event) {
        status = ExecutionStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(ExecutionFailed event) {
        status = ExecutionStatus.FAILED;
    }

    @EventSourcingHandler
    void on(ExecutionTimedOut event) {
        status = ExecutionStatus.TIMEOUT;
    }

    @EventSourcingHandler
    void on(ExecutionCancelled event) {
        status = ExecutionStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(PodDeleted event) {
        podDeleted = true;
    }
}
