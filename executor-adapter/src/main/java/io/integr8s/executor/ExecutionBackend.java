package io.integr8s.executor;

/**
 * Where sandboxes run (a local bubblewrap sandbox, later a Kubernetes pod). An adapter claims each sandbox from the
 * {@code Execution} aggregate before running it, runs it without blocking the caller and reports the outcome through
 * {@link ExecutionReporter}. Every operation is idempotent per execution id.
 */
public interface ExecutionBackend {

    /** Creates and starts the sandbox for this spec, unless it was already created. Returns without waiting for the run. */
    void create(SandboxSpec spec);

    /** Stops the sandbox if it runs, waits until it is gone and removes it; unknown ids are ignored. */
    void delete(String executionId);

    /** Whether the sandbox of this execution exists and its process is running. */
    boolean isActive(String executionId);
}
