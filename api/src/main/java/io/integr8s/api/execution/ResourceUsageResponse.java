package io.integr8s.api.execution;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.projections.execution.ResourceUsageView;

/**
 * The contract's resource usage. CPU time arrives in microseconds and is reported in jiffies of
 * {@link #CLK_TCK} as the contract asks; values the backend could not measure stay null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceUsageResponse(double executionTimeWallSeconds,
                                    Long cpuTimeJiffies,
                                    int clkTckHertz,
                                    Long cpuTimeMicroseconds,
                                    Long peakMemoryKb) {

    public static final int CLK_TCK = 100;

    public static ResourceUsageResponse from(ResourceUsage usage) {
        return usage == null ? null : of(usage.wallTimeSeconds(), usage.cpuTimeMicros(), usage.peakMemoryKb());
    }

    public static ResourceUsageResponse from(ResourceUsageView usage) {
        return usage == null ? null : of(usage.wallTimeSeconds(), usage.cpuTimeMicros(), usage.peakMemoryKb());
    }

    private static ResourceUsageResponse of(double wallTimeSeconds, Long cpuTimeMicros, Long peakMemoryKb) {
        Long jiffies = cpuTimeMicros == null ? null : cpuTimeMicros * CLK_TCK / 1_000_000;
        return new ResourceUsageResponse(wallTimeSeconds, jiffies, CLK_TCK, cpuTimeMicros, peakMemoryKb);
    }
}
