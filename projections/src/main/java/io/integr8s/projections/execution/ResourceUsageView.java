package io.integr8s.projections.execution;

import io.integr8s.command.execution.api.ResourceUsage;

/** What a run consumed; CPU time and peak memory are null when the backend could not measure them. */
public record ResourceUsageView(double wallTimeSeconds, Long cpuTimeMicros, Long peakMemoryKb) {

    static ResourceUsageView from(ResourceUsage usage) {
        return usage == null ? null
                : new ResourceUsageView(usage.wallTimeSeconds(), usage.cpuTimeMicros(), usage.peakMemoryKb());
    }
}
