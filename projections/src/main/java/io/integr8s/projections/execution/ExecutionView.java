package io.integr8s.projections.execution;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The read model of one execution, document {@value #COLLECTION}. Result fields stay null until the run ends.
 * {@code lastSequence} is the aggregate sequence number of the last event applied; updates are conditional on it.
 */
@Document(ExecutionView.COLLECTION)
public record ExecutionView(@Id String executionId,
                            String ownerId,
                            ExecutionStatus status,
                            String script,
                            String lang,
                            String langVersion,
                            Priority priority,
                            int timeoutSeconds,
                            String podName,
                            String stdout,
                            String stderr,
                            boolean stdoutTruncated,
                            boolean stderrTruncated,
                            Integer exitCode,
                            ErrorType errorType,
                            String message,
                            ResourceUsageView resourceUsage,
                            String cancelReason,
                            Instant createdAt,
                            Instant scheduledAt,
                            Instant startedAt,
                            Instant finishedAt,
                            Instant updatedAt,
                            long lastSequence) {

    public static final String COLLECTION = "executions";

    /** Document field names, for updates and queries. */
    public static final String ID = "_id";
    public static final String OWNER_ID = "ownerId";
    public static final String STATUS = "status";
    public static final String SCRIPT = "script";
    public static final String LANG = "lang";
    public static final String PRIORITY = "priority";
    public static final String POD_NAME = "podName";
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    public static final String STDOUT_TRUNCATED = "stdoutTruncated";
    public static final String STDERR_TRUNCATED = "stderrTruncated";
    public static final String EXIT_CODE = "exitCode";
    public static final String ERROR_TYPE = "errorType";
    public static final String MESSAGE = "message";
    public static final String RESOURCE_USAGE = "resourceUsage";
    public static final String CANCEL_REASON = "cancelReason";
    public static final String CREATED_AT = "createdAt";
    public static final String SCHEDULED_AT = "scheduledAt";
    public static final String STARTED_AT = "startedAt";
    public static final String FINISHED_AT = "finishedAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String LAST_SEQUENCE = "lastSequence";

    /** The view as it is right after the request: queued, no result yet. */
    public static ExecutionView requested(ExecutionRequested event, long sequence, Instant at) {
        return new ExecutionView(event.executionId(), event.ownerId(), ExecutionStatus.QUEUED, event.script(),
                event.lang(), event.langVersion(), event.priority(), event.timeoutSeconds(), null, null, null,
                false, false, null, null, null, null, null, at, null, null, null, at, sequence);
    }
}
