package io.integr8s.executor.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The cgroup(s) of one run: limits, the counters that tell which limit was hit, accounting, and killing everything
 * in it. The host reads only cgroup files here, never a path inside the sandbox.
 */
final class RunCgroup {

    private static final Logger log = LoggerFactory.getLogger(RunCgroup.class);
    private static final long CFS_PERIOD_US = 100_000;
    private static final Duration POLL = Duration.ofMillis(2);

    private final Cgroups.Version version;
    /** v1: controller → dir; v2: "unified" → dir. */
    private final Map<String, Path> dirs;
    private long sampledPeakMemory;
    private long sampledPeakShmem;

    RunCgroup(Cgroups.Version version, Map<String, Path> dirs) {
        this.version = version;
        this.dirs = Map.copyOf(dirs);
    }

    /** The files a process writes its pid into to join the run's groups, one per distinct hierarchy. */
    List<Path> procsFiles() {
        return distinctDirs().stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    void applyLimits(ResourceLimits limits) throws IOException {
        long memory = limits.memory().toBytes();
        long quota = Math.max(1000, Math.round(limits.cpus() * CFS_PERIOD_US));
        if (version == Cgroups.Version.V2) {
            Path dir = dirs.get("unified");
            write(dir.resolve("memory.max"), Long.toString(memory));
            writeIfPresent(dir.resolve("memory.swap.max"), "0");
            write(dir.resolve("pids.max"), Integer.toString(limits.processes()));
            write(dir.resolve("cpu.max"), quota + " " + CFS_PERIOD_US);
            return;
        }
        Path mem = dirs.get("memory");
        write(mem.resolve("memory.limit_in_bytes"), Long.toString(memory));
        if (!writeIfPresent(mem.resolve("memory.memsw.limit_in_bytes"), Long.toString(memory))) {
            // no swap accounting in this kernel: at least keep the run from being swapped out to grow
            writeIfPresent(mem.resolve("memory.swappiness"), "0");
        }
        write(dirs.get("pids").resolve("pids.max"), Integer.toString(limits.processes()));
        Path cpu = dirs.get("cpu");
        if (cpu != null) {
            write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
            write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        }
    }

    /** Called while the run is alive: keeps the peaks that cannot be read afterwards. */
    void sample() {
        Path mem = memoryDir();
        if (version == Cgroups.Version.V2 && !Files.exists(mem.resolve("memory.peak"))) {
            readLong(mem.resolve("memory.current")).ifPresent(v -> sampledPeakMemory = Math.max(sampledPeakMemory, v));
        }
        // tmpfs pages are charged as shmem to the group that wrote them, and freed when the sandbox's mounts go
        statField(mem.resolve("memory.stat"), "shmem").ifPresent(v -> sampledPeakShmem = Math.max(sampledPeakShmem, v));
    }

    /** The most /tmp (tmpfs, charged as shmem) was seen to hold while the run was alive. */
    long sampledPeakShmem() {
        return sampledPeakShmem;
    }

    /** Processes the kernel killed because the group ran out of memory. */
    long oomKills() {
        Path mem = memoryDir();
        if (version == Cgroups.Version.V2) {
            return statField(mem.resolve("memory.events"), "oom_kill").orElse(0);
        }
        OptionalLong kills = statField(mem.resolve("memory.oom_control"), "oom_kill");
        if (kills.isPresent()) {
            return kills.getAsLong();
        }
        // kernels before 4.13 count no kills: hitting the limit with memory+swap is the best sign
        return readLong(mem.resolve("memory.memsw.failcnt")).orElse(0);
    }

    /** How often a fork or clone failed because the process limit was reached. */
    long pidsLimitHits() {
        Path dir = version == Cgroups.Version.V2 ? dirs.get("unified") : dirs.get("pids");
        return statField(dir.resolve("pids.events"), "max").orElse(0);
    }

    /** CPU time of everything that ran in the group, in microseconds; empty without CPU accounting. */
    OptionalLong cpuMicros() {
        if (version == Cgroups.Version.V2) {
            return statField(dirs.get("unified").resolve("cpu.stat"), "usage_usec");
        }
        Path acct = dirs.get("cpuacct");
        if (acct == null) {
            return OptionalLong.empty();
        }
        OptionalLong nanos = readLong(acct.resolve("cpuacct.usage"));
        return nanos.isPresent() ? OptionalLong.of(nanos.getAsLong() / 1000) : OptionalLong.empty();
    }

    /** Peak memory of the group in KiB; empty if it cannot be known. */
    OptionalLong peakMemoryKb() {
        Path mem = memoryDir();
        OptionalLong bytes = version == Cgroups.Version.V2
                ? readLong(mem.resolve("memory.peak"))
                : readLong(mem.resolve("memory.max_usage_in_bytes"));
        long peak = Math.max(bytes.orElse(0), sampledPeakMemory);
        return peak > 0 ? OptionalLong.of((peak + 1023) / 1024) : OptionalLong.empty();
    }

    /**
     * SIGKILLs everything in the group without waiting for it to disappear: v2 {@code cgroup.kill}; otherwise
     * freeze, kill every member, thaw (a frozen group cannot fork new members while we read it).
     */
    void kill() {
        try {
            Path unified = dirs.get("unified");
            if (unified != null && Files.exists(unified.resolve("cgroup.kill"))) {
                write(unified.resolve("cgroup.kill"), "1");
                return;
            }
            Path freezerState = freezer();
            boolean frozen = freezerState != null && freeze(freezerState, true);
            members().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            if (frozen) {
                freeze(freezerState, false);
            }
        } catch (NoSuchFileException gone) {
            // the run ended and its group was removed: nothing left to kill
        } catch (IOException e) {
            log.warn("Killing the processes of cgroup {} failed: {}", dirs.values(), e.getMessage());
        }
    }

    /** Kills until the group is empty, then removes its directories; false if that took longer than patience. */
    boolean killAndRemove(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                if (members().isEmpty()) {
                    break;
                }
            } catch (IOException e) {
                break; // the group is gone already
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            kill();
            sleep();
        }
        boolean removed = true;
        for (Path dir : distinctDirs()) {
            removed &= remove(dir, deadline);
        }
        return removed;
    }

    /** Pids in any of the run's groups. */
    Set<Long> members() throws IOException {
        Set<Long> pids = new LinkedHashSet<>();
        boolean any = false;
        for (Path procs : procsFiles()) {
            try {
                for (String line : Files.readAllLines(procs, StandardCharsets.US_ASCII)) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
                any = true;
            } catch (NoSuchFileException gone) {
                // removed already
            }
        }
        if (!any) {
            throw new NoSuchFileException(dirs.values().toString());
        }
        return pids;
    }

    private Path freezer() {
        Path unified = dirs.get("unified");
        if (unified != null) {
            Path freeze = unified.resolve("cgroup.freeze");
            return Files.exists(freeze) ? freeze : null;
        }
        Path freezer = dirs.get("freezer");
        return freezer == null ? null : freezer.resolve("freezer.state");
    }

    private boolean freeze(Path state, boolean freeze) throws IOException {
        boolean v2 = state.getFileName().toString().equals("cgroup.freeze");
        write(state, v2 ? (freeze ? "1" : "0") : (freeze ? "FROZEN" : "THAWED"));
        if (!freeze) {
            return true;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            String now = v2 ? statField(state.resolveSibling("cgroup.events"), "frozen").orElse(0) == 1 ? "FROZEN" : ""
                    : Cgroups.read(state);
            if (now.equals("FROZEN")) {
                return true;
            }
            sleep();
        }
        return true; // FREEZING takes too long: kill anyway and thaw
    }

    private static boolean remove(Path dir, long deadline) {
        while (true) {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException busy) {
                if (System.nanoTime() > deadline) {
                    log.error("Cannot remove the cgroup {}: {}", dir, busy.toString());
                    return false;
                }
                sleep();
            }
        }
    }

    private Path memoryDir() {
        return version == Cgroups.Version.V2 ? dirs.get("unified") : dirs.get("memory");
    }

    private List<Path> distinctDirs() {
        Set<Path> distinct = new LinkedHashSet<>();
        for (Path dir : dirs.values()) {
            try {
                distinct.add(dir.toRealPath());
            } catch (IOException gone) {
                distinct.add(dir);
            }
        }
        return new ArrayList<>(distinct);
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    private static boolean writeIfPresent(Path file, String value) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        write(file, value);
        return true;
    }

    private static OptionalLong readLong(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Cgroups.read(file)));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A "key value" line of a flat-keyed cgroup file ({@code memory.stat}, {@code pids.events}, ...). */
    private static OptionalLong statField(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(0, space).equals(key)) {
                    return OptionalLong.of(Long.parseLong(line.substring(space + 1).strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Sleeps even when interrupted (killing must finish), keeping the interrupt for the caller. */
    private static void sleep() {
        boolean interrupted = Thread.interrupted();
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
