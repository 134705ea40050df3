package io.integr8s.api.system;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.system.api.LogLevel;
import io.integr8s.command.system.api.SystemSettingsValues;

/**
 * The contract's {@code SystemSettingsSchema}: every field in a response; in a request, a field left out takes its
 * default (as in the contract, where each field has one), here the configured default.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SystemSettingsBody(Integer maxTimeoutSeconds,
                                 String memoryLimit,
                                 String cpuLimit,
                                 Integer maxConcurrentExecutions,
                                 Integer passwordMinLength,
                                 Integer sessionTimeoutMinutes,
                                 Integer maxLoginAttempts,
                                 Integer lockoutDurationMinutes,
                                 Integer metricsRetentionDays,
                                 LogLevel logLevel,
                                 Boolean enableTracing,
                                 Double samplingRate) {

    static SystemSettingsBody of(SystemSettingsValues settings) {
        return new SystemSettingsBody(settings.maxTimeoutSeconds(), settings.memoryLimit(), settings.cpuLimit(),
                settings.maxConcurrentExecutions(), settings.passwordMinLength(), settings.sessionTimeoutMinutes(),
                settings.maxLoginAttempts(), settings.lockoutDurationMinutes(), settings.metricsRetentionDays(),
                settings.logLevel(), settings.enableTracing(), settings.samplingRate());
    }

    SystemSettingsValues withDefaults(SystemSettingsValues defaults) {
        return new SystemSettingsValues(
                or(maxTimeoutSeconds, defaults.maxTimeoutSeconds()),
                or(memoryLimit, defaults.memoryLimit()),
                or(cpuLimit, defaults.cpuLimit()),
                or(maxConcurrentExecutions, defaults.maxConcurrentExecutions()),
                or(passwordMinLength, defaults.passwordMinLength()),
                or(sessionTimeoutMinutes, defaults.sessionTimeoutMinutes()),
                or(maxLoginAttempts, defaults.maxLoginAttempts()),
                or(lockoutDurationMinutes, defaults.lockoutDurationMinutes()),
                or(metricsRetentionDays, defaults.metricsRetentionDays()),
                or(logLevel, defaults.logLevel()),
                or(enableTracing, defaults.enableTracing()),
                or(samplingRate, defaults.samplingRate()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
