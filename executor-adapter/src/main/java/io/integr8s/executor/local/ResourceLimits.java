package io.integr8s.executor.local;

import io.integr8s.executor.RunLimits;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code integr8s.executor.local.limits}: what one sandbox run may use. Each limit ends in its own outcome.
 *
 * @param memory    memory of the whole run, swap included (files in {@code /tmp} count too: tmpfs is memory)
 * @param cpus      CPU quota in cores (cgroup CFS quota); 0.5 = half a core
 * @param processes processes and threads of the run together (cgroup pids.max)
 * @param cpuTime   CPU time of the run (RLIMIT_CPU per process, and the cgroup's total); empty = the wall-clock
 *                  limit of the execution rounded up to whole seconds
 * @param openFiles open file descriptors per process (RLIMIT_NOFILE)
 * @param tmp       size of the private writable {@code /tmp} (tmpfs) and the largest file (RLIMIT_FSIZE)
 */
public record ResourceLimits(@DefaultValue("128MB") DataSize memory,
                             @DefaultValue("1") double cpus,
                             @DefaultValue("64") int processes,
                             Duration cpuTime,
                             @DefaultValue("256") int openFiles,
                             @DefaultValue("64MB") DataSize tmp) {

    public ResourceLimits {
        if (memory == null || memory.toBytes() < 8L * 1024 * 1024) {
            throw new IllegalArgumentException("integr8s.executor.local.limits.memory must be at least 8MB, got " + memory);
        }
        if (cpus <= 0 || cpus > 1024) {
            throw new IllegalArgumentException("integr8s.executor.local.limits.cpus must be > 0, got " + cpus);
        }
        if (processes < 1) {
            throw new IllegalArgumentException("integr8s.executor.local.limits.processes must be at least 1");
        }
        if (cpuTime != null && (cpuTime.isNegative() || cpuTime.isZero())) {
            throw new IllegalArgumentException("integr8s.executor.local.limits.cpu-time must be positive or unset");
        }
        if (openFiles < 16) {
            throw new IllegalArgumentException("integr8s.executor.local.limits.open-files must be at least 16");
        }
        if (tmp == null || tmp.toBytes() < 1024 * 1024) {
            throw new IllegalArgumentException("integr8s.executor.local.limits.tmp must be at least 1MB, got " + tmp);
        }
    }

    public static ResourceLimits defaults() {
        return new ResourceLimits(DataSize.ofMegabytes(128), 1, 64, null, 256, DataSize.ofMegabytes(64));
    }

    public ResourceLimits withTmp(DataSize size) {
        return new ResourceLimits(memory, cpus, processes, cpuTime, openFiles, size);
    }

    /** These limits with the memory and CPU decided for one run, where it decided them. */
    public ResourceLimits forRun(RunLimits run) {
        return new ResourceLimits(run.memoryBytes() == null ? memory : DataSize.ofBytes(run.memoryBytes()),
                run.cpus() == null ? cpus : run.cpus(), processes, cpuTime, openFiles, tmp);
    }

    /** CPU seconds a run with this wall-clock limit may use: the configured CPU time, else the wall limit rounded up. */
    public long cpuSecondsFor(Duration wallLimit) {
        Duration limit = cpuTime != null ? cpuTime : wallLimit;
        long seconds = limit.toSeconds() + (limit.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    public long memoryMib() {
        return memory.toBytes() / (1024 * 1024);
    }

    public long tmpMib() {
        return tmp.toBytes() / (1024 * 1024);
    }
}
