package io.integr8s.command.execution.api;

/**
 * What a run consumed. CPU time and peak memory are null when the backend could not measure them
 * (never reported as zero, which would be a false measurement).
 */
public record ResourceUsage(double wallTimeSeconds, Long cpuTimeMicros, Long peakMemoryKb) {

    public static ResourceUsage wallTimeOnly(double wallTimeSeconds) {
        return new ResourceUsage(wallTimeSeconds, null, null);
    }
}
