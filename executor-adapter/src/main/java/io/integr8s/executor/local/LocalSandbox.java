package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.executor.CappedOutput;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.RuntimeDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One sandbox run: stage the script, start bwrap, capture both streams, enforce the wall-clock and output limits,
 * and turn what happened into a {@link SandboxResult}. {@link #stop()} may come from another thread at any time.
 */
final class LocalSandbox {

    private static final Logger log = LoggerFactory.getLogger(LocalSandbox.class);
    /** How long killing a sandbox may take before we report it as stuck. */
    static final Duration KILL_PATIENCE = Duration.ofSeconds(5);
    /** How long the output readers may lag behind the end of the process. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    /** How long a run waits for a free uid slot (only when more runs are started than max-parallel). */
    private static final Duration SLOT_PATIENCE = Duration.ofMinutes(5);
    /** How often a running sandbox's cgroup is sampled. */
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(5);
    /** /tmp counts as full when its tmpfs held this close to its size. */
    private static final long TMP_FULL_SLACK = 512 * 1024;
    private static final long CPU_GRACE_MICROS = 300_000;
    private static final int SIGKILL = 9;
    private static final int SIGXCPU = 24;
    private static final int SIGXFSZ = 25;

    private final SandboxSpec spec;
    private final LocalSandboxFactory env;
    /** The configured limits with this run's memory and CPU. */
    private final ResourceLimits limits;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Process process;
    private ProcessTree tree;
    private RunCgroup cgroup;
    private boolean stopped;
    /** The run's cgroup used more CPU time than allowed and we killed it. */
    private volatile boolean killedForCpu;

    LocalSandbox(SandboxSpec spec, LocalSandboxFactory env) {
        this.spec = spec;
        this.env = env;
        this.limits = env.properties().limits().forRun(spec.limits());
    }

    SandboxSpec spec() {
        return spec;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    /**
     * Runs the script to its end. {@code onStarted} is called once the sandbox process exists; if it answers false
     * the run is stopped. Returns empty if the run was stopped from outside: then nothing is to be reported.
     */
    Optional<SandboxResult> run(BooleanSupplier onStarted) {
        try {
            return runStaged(onStarted);
        } finally {
            ended.countDown();
        }
    }

    /** Stops the run (or prevents it from starting), waits until its processes are gone and its files removed. */
    void stop() throws InterruptedException {
        ProcessTree running;
        RunCgroup group;
        synchronized (this) {
            stopped = true;
            running = tree;
            group = cgroup;
        }
        if (group != null) {
            group.kill();
        }
        if (running != null) {
            if (!running.killAndWait(KILL_PATIENCE)) {
                log.error("The sandbox of execution {} did not die within {} after SIGKILL", spec.executionId(),
                        KILL_PATIENCE);
            }
            ended.await(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Optional<SandboxResult> runStaged(BooleanSupplier onStarted) {
        Optional<RuntimeDefinition> runtime = env.runtimes().find(spec.lang(), spec.langVersion());
        if (runtime.isEmpty()) {
            return Optional.of(SandboxResult.systemError("This executor has no runtime for " + spec.lang() + " "
                    + spec.langVersion() + " (installed: " + env.runtimes().registry().describe()
                    + "); install its interpreter or route the execution to an executor that has it"));
        }
        Optional<String> problem = env.commandLine().problem();
        if (problem.isPresent()) {
            return Optional.of(SandboxResult.systemError("The sandbox could not start: " + problem.get()));
        }
        SandboxUser user;
        try {
            user = env.users().acquire(SLOT_PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (user == null) {
            return Optional.of(SandboxResult.systemError("No sandbox uid slot became free within " + SLOT_PATIENCE
                    + "; raise integr8s.executor.local.max-parallel (one slot per parallel run)"));
        }
        boolean slotFree = true;
        try {
            ScriptStaging.Staged staged;
            try {
                staged = env.staging().stage(spec.script(), runtime.get().fileExtension());
            } catch (IOException e) {
                return Optional.of(SandboxResult.systemError("Could not stage the script for the sandbox: "
                        + e.getMessage() + "; check integr8s.executor.local.staging-dir"));
            }
            RunCgroup group = null;
            try {
                if (env.cgroups() != null) {
                    try {
                        group = env.cgroups().create(spec.executionId(), limits);
                    } catch (IOException | RuntimeException e) {
                        return Optional.of(SandboxResult.systemError("Could not create the run's cgroup: "
                                + e + "; check that the executor runs as root and " + env.cgroups().describe()
                                + " is writable"));
                    }
                    synchronized (this) {
                        cgroup = group;
                    }
                }
                String inside = SandboxCommandLine.SCRIPT_DIR + "/main." + runtime.get().fileExtension();
                List<String> argv = env.commandLine().supervised(group, cpuSeconds(), staged,
                        env.commandLine().build(user, inside, runtime.get().commandFor(inside),
                                runtime.get().environment()));
                return launch(argv, staged.status(), onStarted);
            } finally {
                if (group != null && !group.killAndRemove(KILL_PATIENCE)) {
                    slotFree = false;
                    log.error("The cgroup of execution {} could not be emptied and removed within {}; its uid slot {} "
                            + "stays taken", spec.executionId(), KILL_PATIENCE, user.uid());
                }
                staged.delete();
            }
        } finally {
            if (slotFree) {
                env.users().release(user);
            }
        }
    }

    private long cpuSeconds() {
        return limits.cpuSecondsFor(spec.timeout());
    }

    /** Kills everything of the run without waiting: by cgroup, and the pid namespace's init. */
    private void killAll(ProcessTree processes) {
        RunCgroup group;
        synchronized (this) {
            group = cgroup;
        }
        if (group != null) {
            group.kill();
        }
        processes.kill();
    }

    private Optional<SandboxResult> launch(List<String> argv, Path status, BooleanSupplier onStarted) {
        Process started;
        ProcessTree processes;
        synchronized (this) {
            if (stopped) {
                return Optional.empty();
            }
            try {
                ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(new File("/dev/null"));
                builder.environment().clear();
                started = builder.start();
            } catch (IOException e) {
                return Optional.of(SandboxResult.systemError("The sandbox could not start: " + e.getMessage()
                        + "; check that bubblewrap (apt-get install bubblewrap) and setpriv (util-linux) are installed"));
            }
            processes = new ProcessTree(started);
            process = started;
            tree = processes;
        }
        env.activity().started();
        try {
            return supervise(started, processes, status, onStarted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            try {
                processes.killAndWait(KILL_PATIENCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            env.activity().ended();
        }
    }

    private Optional<SandboxResult> supervise(Process sandbox, ProcessTree tree, Path status, BooleanSupplier onStarted)
            throws InterruptedException {
        long startNanos = System.nanoTime();
        int limit = env.properties().outputLimitBytes();
        String thread = "sandbox-" + spec.executionId();
        Runnable stopOnOverflow = () -> killAll(tree);
        LiveChunks live = new LiveChunks(env.liveOutput(), spec.executionId()); // output_chunk on the SSE stream
        CappedOutput stdout = CappedOutput.start("stdout", limit, sandbox.getInputStream(), stopOnOverflow, thread + "-out",
                live.stdout());
        CappedOutput stderr = CappedOutput.start("stderr", limit, sandbox.getErrorStream(), stopOnOverflow, thread + "-err",
                live.stderr());
        if (!onStarted.getAsBoolean()) {
            synchronized (this) {
                stopped = true;
            }
        }
        boolean exited = !isStopped() && waitWatching(sandbox, tree, startNanos);
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        if (!exited) {
            killAll(tree);
            tree.killAndWait(KILL_PATIENCE);
        }
        stdout.awaitEnd(DRAIN_GRACE);
        stderr.awaitEnd(DRAIN_GRACE);
        if (isStopped()) {
            return Optional.empty();
        }
        return Optional.of(result(sandbox, exited, status, wallSeconds, stdout, stderr));
    }

    /**
     * Waits for the end of the run or its wall-clock limit, sampling the cgroup meanwhile (the /tmp fill level and
     * peaks that are gone once the run ends) and killing the run when its group used up its CPU time.
     */
    private boolean waitWatching(Process sandbox, ProcessTree tree, long startNanos) throws InterruptedException {
        RunCgroup group;
        synchronized (this) {
            group = cgroup;
        }
        long deadline = startNanos + spec.timeout().toNanos();
        // the group's total may pass the limit a little: one process meets RLIMIT_CPU first and gets its SIGXCPU;
        // more is several processes together, and the wall clock cannot get there first with a 1-CPU quota
        long cpuLimitMicros = cpuSeconds() * 1_000_000L;
        cpuLimitMicros += Math.max(CPU_GRACE_MICROS, cpuLimitMicros / 10);
        if (group == null) {
            return sandbox.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        FileInputStream mountNamespace = null;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (sandbox.waitFor(Math.min(left, SAMPLE_EVERY.toNanos()), TimeUnit.NANOSECONDS)) {
                    group.sample(); // the held mount namespace keeps /tmp's pages charged after the end
                    return true;
                }
                if (mountNamespace == null) {
                    mountNamespace = holdMountNamespace(sandbox);
                }
                group.sample();
                if (group.cpuMicros().orElse(0) > cpuLimitMicros) {
                    killedForCpu = true;
                    killAll(tree);
                    sandbox.waitFor(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    return true;
                }
                if (isStopped()) {
                    return false;
                }
            }
        } finally {
            if (mountNamespace != null) {
                try {
                    mountNamespace.close();
                } catch (IOException ignored) {
                    // closing a namespace handle does not fail in a way that matters
                }
            }
        }
    }

    /**
     * Opens the sandbox's mount namespace (the nsfs handle {@code /proc/<bwrap child>/ns/mnt} of the host's /proc:
     * nothing inside the sandbox is opened or read). Holding it keeps the sandbox's /tmp tmpfs, and its pages charged
     * to the run's cgroup, alive until the final sample after the run ended: so a /tmp filled just before a quick
     * exit is still seen. Null while bwrap has not entered its namespace yet.
     */
    private static FileInputStream holdMountNamespace(Process sandbox) {
        try {
            Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
            for (ProcessHandle child : sandbox.children().toList()) {
                Path ns = Path.of("/proc", Long.toString(child.pid()), "ns", "mnt");
                if (!Files.readSymbolicLink(ns).equals(own)) {
                    return new FileInputStream(ns.toFile());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended meanwhile, or not in its namespace yet: try again at the next sample
        }
        return null;
    }

    private SandboxResult result(Process sandbox, boolean exited, Path status, double wallSeconds, CappedOutput stdout,
                                 CappedOutput stderr) {
        RunCgroup group;
        synchronized (this) {
            group = cgroup;
        }
        ResourceUsage usage = group == null ? ResourceUsage.wallTimeOnly(wallSeconds)
                : new ResourceUsage(wallSeconds, boxed(group.cpuMicros()), boxed(group.peakMemoryKb()));
        SandboxResult result = classify(sandbox, exited, status, usage, stdout, stderr, group);
        if (group != null || result.result().errorType() == ErrorType.SYSTEM_ERROR) {
            return result;
        }
        ExecutionResult r = result.result();
        String message = r.message() == null ? LocalSandboxFactory.NOT_LIMITED
                : r.message() + ". " + LocalSandboxFactory.NOT_LIMITED;
        return new SandboxResult(result.outcome(), new ExecutionResult(r.exitCode(), r.stdout(), r.stderr(),
                r.stdoutTruncated(), r.stderrTruncated(), r.resourceUsage(), r.errorType(), message));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /**
     * Which limit ended the run, in this order: output (we stopped it), a sandbox that never executed the script
     * (bwrap's status file, {@link BwrapStatus}: system_error with what the tools before the script said), memory
     * (the kernel's OOM kill), processes (a fork refused at pids.max in a run that did not exit 0; a script that
     * survives a refused fork and exits 0 completed; checked before CPU and wall time, which a fork bomb exhausts as
     * a consequence), CPU time (SIGXCPU
     * from RLIMIT_CPU, or the group's total over the limit), tmp disk (SIGXFSZ, or /tmp seen full in a run that did
     * not exit 0), then the wall clock, else the script's own exit.
     */
    private SandboxResult classify(Process sandbox, boolean exited, Path status, ResourceUsage usage,
                                   CappedOutput stdout, CappedOutput stderr, RunCgroup group) {
        String out = stdout.text();
        String err = stderr.text();
        if (stdout.exceeded() || stderr.exceeded()) {
            String stream = stdout.exceeded() ? "stdout" : "stderr";
            return new SandboxResult(Outcome.FAILED, new ExecutionResult(-1, out, err, stdout.exceeded(),
                    stderr.exceeded(), usage, ErrorType.RESOURCE_LIMIT, "The script wrote more than "
                    + env.properties().outputLimitBytes() + " bytes to " + stream + " and was stopped; write less output"));
        }
        int code = exited ? sandbox.exitValue() : -1;
        boolean clean = exited && code == 0 && !killedForCpu;
        if (exited && !killedForCpu && (group == null || group.oomKills() == 0) && !scriptStarted(status)) {
            return SandboxResult.systemError("The sandbox could not start: "
                    + (err.isBlank() ? "it exited with code " + code + " before the script started" : err.strip()));
        }
        if (group != null && group.oomKills() > 0) {
            return limitHit(code, out, err, usage, "memory limit of " + limits.memoryMib() + " MiB exceeded");
        }
        if (!clean && group != null && group.pidsLimitHits() > 0) {
            return limitHit(code, out, err, usage, "process limit of " + limits.processes() + " exceeded");
        }
        if (exited && code == 128 + SIGXCPU || killedForCpu) {
            return limitHit(killedForCpu ? -1 : code, out, err, usage,
                    "CPU time limit of " + cpuSeconds() + " s exceeded");
        }
        if (exited && code == 128 + SIGKILL && usage.cpuTimeMicros() != null
                && usage.cpuTimeMicros() >= cpuSeconds() * 1_000_000L) {
            return limitHit(code, out, err, usage, "CPU time limit of " + cpuSeconds() + " s exceeded");
        }
        if (exited && code == 128 + SIGXFSZ
                || !clean && group != null && group.sampledPeakShmem() >= limits.tmp().toBytes() - TMP_FULL_SLACK) {
            return limitHit(code, out, err, usage, "tmp disk limit of " + limits.tmpMib() + " MiB exceeded");
        }
        if (!exited) {
            return new SandboxResult(Outcome.TIMED_OUT, new ExecutionResult(-1, out, err, false, false, usage,
                    ErrorType.TIMEOUT, "wall-clock limit of " + spec.timeout().toSeconds() + " s exceeded"));
        }
        return new SandboxResult(Outcome.COMPLETED, new ExecutionResult(code, out, err, false, false, usage,
                code == 0 ? null : ErrorType.SCRIPT_ERROR, null));
    }

    private static SandboxResult limitHit(int exitCode, String out, String err, ResourceUsage usage, String message) {
        return new SandboxResult(Outcome.FAILED, new ExecutionResult(exitCode, out, err, false, false, usage,
                ErrorType.RESOURCE_LIMIT, message));
    }

    /** Whether bwrap reported that it executed the script ({@link BwrapStatus}); an unreadable status says no. */
    private boolean scriptStarted(Path status) {
        try {
            return BwrapStatus.scriptStarted(status);
        } catch (IOException e) {
            log.error("Execution {}: the sandbox's status file could not be read", spec.executionId(), e);
            return false;
        }
    }
}
