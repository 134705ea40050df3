package io.integr8s.executor;

import io.integr8s.command.sandbox.api.CreateSandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run in one sandbox, and under which limits. The execution id names files and sandboxes, so it must be a
 * plain token.
 */
public record SandboxSpec(String executionId, String script, String lang, String langVersion, Duration timeout,
                          RunLimits limits) {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public SandboxSpec {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(limits, "limits");
        requireSafeId(executionId);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The sandbox of execution '" + executionId
                    + "' needs a positive time limit, got " + timeout);
        }
    }

    /** A run under the backend's configured memory and CPU limits. */
    public SandboxSpec(String executionId, String script, String lang, String langVersion, Duration timeout) {
        this(executionId, script, lang, langVersion, timeout, RunLimits.CONFIGURED);
    }

    public static SandboxSpec of(CreateSandbox command) {
        return new SandboxSpec(command.executionId(), command.script(), command.lang(), command.langVersion(),
                Duration.ofSeconds(command.timeoutSeconds()), RunLimits.of(command.memoryLimit(), command.cpuLimit()));
    }

    public String podName() {
        return podName(executionId);
    }

    public static String podName(String executionId) {
        return "sandbox-" + executionId;
    }

    /** Rejects ids that could escape a directory or confuse a command line (they become file and sandbox names). */
    public static String requireSafeId(String executionId) {
        if (executionId == null || !SAFE_ID.matcher(executionId).matches()) {
            throw new IllegalArgumentException("Execution id '" + executionId + "' cannot name a sandbox: use 1-128 "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit (the API issues UUIDs)");
        }
        return executionId;
    }
}
