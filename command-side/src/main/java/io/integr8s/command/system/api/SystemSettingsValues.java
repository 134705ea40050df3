package io.integr8s.command.system.api;

import java.util.ArrayList;
import java.util.List;

/**
 * One complete set of system settings, as an admin puts them ({@code SystemSettingsSchema} of the contract).
 * {@link #violations()} holds the contract's bounds, which the {@code SystemSettings} aggregate enforces.
 *
 * @param memoryLimit and {@code cpuLimit}: Kubernetes quantities ({@code 512Mi}, {@code 2000m}), kept as written
 */
public record SystemSettingsValues(int maxTimeoutSeconds,
                                   String memoryLimit,
                                   String cpuLimit,
                                   int maxConcurrentExecutions,
                                   int passwordMinLength,
                                   int sessionTimeoutMinutes,
                                   int maxLoginAttempts,
                                   int lockoutDurationMinutes,
                                   int metricsRetentionDays,
                                   LogLevel logLevel,
                                   boolean enableTracing,
                                   double samplingRate) {

    /** There is one set of system settings: the identifier of its aggregate. */
    public static final String AGGREGATE_ID = "system-settings";

    private static final ResourceQuantity MIN_MEMORY = ResourceQuantity.parse("8Mi");
    private static final ResourceQuantity MAX_MEMORY = ResourceQuantity.parse("64Gi");
    private static final ResourceQuantity MIN_CPU = ResourceQuantity.parse("10m");
    private static final ResourceQuantity MAX_CPU = ResourceQuantity.parse("64");

    /** Every bound these values break; empty when they may be applied. */
    public List<SettingViolation> violations() {
        List<SettingViolation> violations = new ArrayList<>();
        range(violations, "max_timeout_seconds", maxTimeoutSeconds, 1, 3600);
        memory(violations);
        cpu(violations);
        range(violations, "max_concurrent_executions", maxConcurrentExecutions, 1, 100);
        range(violations, "password_min_length", passwordMinLength, 8, 32);
        range(violations, "session_timeout_minutes", sessionTimeoutMinutes, 5, 1440);
        range(violations, "max_login_attempts", maxLoginAttempts, 3, 10);
        range(violations, "lockout_duration_minutes", lockoutDurationMinutes, 5, 60);
        range(violations, "metrics_retention_days", metricsRetentionDays, 7, 90);
        if (logLevel == null) {
            violations.add(new SettingViolation("log_level", null,
                    "A log level is required: one of DEBUG, INFO, WARNING, ERROR, CRITICAL"));
        }
        if (!(samplingRate >= 0 && samplingRate <= 1)) {
            violations.add(new SettingViolation("sampling_rate", samplingRate,
                    "Must be between 0 and 1 (a fraction of requests), got " + samplingRate));
        }
        return violations;
    }

    /** The memory limit in bytes; only for values without {@link #violations()}. */
    public long memoryLimitBytes() {
        return ResourceQuantity.parse(memoryLimit).longValue();
    }

    /** The CPU limit in cores; only for values without {@link #violations()}. */
    public double cpuLimitCores() {
        return ResourceQuantity.parse(cpuLimit).doubleValue();
    }

    private static void range(List<SettingViolation> violations, String field, int value, int min, int max) {
        if (value < min || value > max) {
            violations.add(new SettingViolation(field, value,
                    "Must be between " + min + " and " + max + ", got " + value));
        }
    }

    private void memory(List<SettingViolation> violations) {
        String bounds = "between 8Mi and 64Gi, e.g. 512Mi";
        ResourceQuantity quantity = quantity(violations, "memory_limit", memoryLimit, MIN_MEMORY, MAX_MEMORY, bounds);
        if (quantity != null && !quantity.isWholeNumber()) {
            violations.add(new SettingViolation("memory_limit", memoryLimit, "Must be whole bytes " + bounds));
        }
    }

    private void cpu(List<SettingViolation> violations) {
        quantity(violations, "cpu_limit", cpuLimit, MIN_CPU, MAX_CPU, "between 10m and 64 cores, e.g. 2000m");
    }

    /** The parsed quantity, or null after recording why it is not acceptable. */
    private static ResourceQuantity quantity(List<SettingViolation> violations, String field, String text,
                                             ResourceQuantity min, ResourceQuantity max, String bounds) {
        try {
            ResourceQuantity quantity = ResourceQuantity.parse(text);
            if (quantity.isBetween(min, max)) {
                return quantity;
            }
            violations.add(new SettingViolation(field, text, "Must be " + bounds + ", got " + text));
        } catch (IllegalArgumentException e) {
            violations.add(new SettingViolation(field, text, e.getMessage()));
        }
        return null;
    }
}
