package io.integr8s.api.system;

import io.integr8s.command.system.api.LogLevel;
import io.integr8s.command.system.api.SettingViolation;
import io.integr8s.command.system.api.SystemSettingsValues;
import io.integr8s.sagas.coordinator.CoordinatorProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code integr8s.system-settings}: the system settings in force until an admin changes them, and what a reset
 * restores. application.yml derives the limits from the settings this installation already had, so nothing changes
 * until an admin does.
 *
 * @param maxTimeoutSeconds       wall-clock limit of a run
 * @param memoryLimit             memory of a run (shown and stored as a Kubernetes quantity, e.g. {@code 128Mi})
 * @param cpuLimit                CPU quota of a run in cores (shown as millicores, e.g. {@code 1000m})
 * @param maxConcurrentExecutions runs holding a sandbox at once; 0 = one per CPU core, as
 *                                {@code integr8s.coordinator.max-concurrent}
 * @param sessionTimeout          and {@code lockoutDuration}: whole minutes in the settings
 * @param logLevelRefresh         how often each instance re-reads the settings to apply {@code log_level}
 */
@ConfigurationProperties(prefix = "integr8s.system-settings")
public record SystemSettingsProperties(@DefaultValue("5") int maxTimeoutSeconds,
                                       @DefaultValue("128MB") DataSize memoryLimit,
                                       @DefaultValue("1") double cpuLimit,
                                       @DefaultValue("0") int maxConcurrentExecutions,
                                       @DefaultValue("8") int passwordMinLength,
                                       @DefaultValue("60m") Duration sessionTimeout,
                                       @DefaultValue("5") int maxLoginAttempts,
                                       @DefaultValue("15m") Duration lockoutDuration,
                                       @DefaultValue("30") int metricsRetentionDays,
                                       @DefaultValue("INFO") LogLevel logLevel,
                                       @DefaultValue("true") boolean enableTracing,
                                       @DefaultValue("0.1") double samplingRate,
                                       @DefaultValue("1s") Duration logLevelRefresh) {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    public SystemSettingsProperties {
        if (logLevelRefresh.isNegative() || logLevelRefresh.isZero()) {
            throw new IllegalArgumentException("integr8s.system-settings.log-level-refresh must be positive, e.g. 1s");
        }
    }

    /**
     * The default settings, in the settings' own notation.
     *
     * @throws IllegalArgumentException when they are out of the settings' bounds; the message names the settings to fix
     */
    public SystemSettingsValues defaults() {
        SystemSettingsValues defaults = new SystemSettingsValues(maxTimeoutSeconds, quantity(memoryLimit),
                Math.round(cpuLimit * 1000) + "m",
                new CoordinatorProperties(maxConcurrentExecutions).effectiveMaxConcurrent(), passwordMinLength,
                (int) sessionTimeout.toMinutes(), maxLoginAttempts, (int) lockoutDuration.toMinutes(),
                metricsRetentionDays, logLevel, enableTracing, samplingRate);
        List<SettingViolation> violations = defaults.violations();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("integr8s.system-settings.* give settings out of their bounds; fix "
                    + violations.stream().map(v -> v.field() + " (" + v.message() + ")")
                    .collect(Collectors.joining(", ")));
        }
        return defaults;
    }

    private static String quantity(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % MIB == 0) {
            return bytes / MIB + "Mi";
        }
        return bytes % KIB == 0 ? bytes / KIB + "Ki" : Long.toString(bytes);
    }
}
