package io.integr8s.command.execution.api;

/**
 * The full result of a run as the executor observed it. {@code message} explains a failure to a person
 * (for example which limit was hit); it is null for a clean run.
 */
public record ExecutionResult(Integer exitCode,
                              String stdout,
                              String stderr,
                              boolean stdoutTruncated,
                              boolean stderrTruncated,
                              ResourceUsage resourceUsage,
                              ErrorType errorType,
                              String message) {

    public static ExecutionResult failure(ErrorType errorType, String message) {
        return new ExecutionResult(null, "", "", false, false, null, errorType, message);
    }
}
