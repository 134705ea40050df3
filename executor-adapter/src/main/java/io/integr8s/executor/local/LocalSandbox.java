package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.RuntimeDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    private final SandboxSpec spec;
    private final LocalSandboxFactory env;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Process process;
    private ProcessTree tree;
    private boolean stopped;

    LocalSandbox(SandboxSpec spec, LocalSandboxFactory env) {
        this.spec = spec;
        this.env = env;
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
        synchronized (this) {
            stopped = true;
            running = tree;
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
        ScriptStaging.Staged staged;
        try {
            staged = env.staging().stage(spec.executionId(), spec.script(), runtime.get().fileExtension());
        } catch (IOException e) {
            return Optional.of(SandboxResult.systemError("Could not stage the script for the sandbox: " + e.getMessage()
                    + "; check integr8s.executor.local.staging-dir"));
        }
        try {
            String inside = SandboxCommandLine.SCRIPT_DIR + "/" + staged.file().getFileName();
            List<String> argv = env.commandLine().build(staged.file(), inside, runtime.get().commandFor(inside));
            return launch(argv, onStarted);
        } finally {
            staged.delete();
        }
    }

    private Optional<SandboxResult> launch(List<String> argv, BooleanSupplier onStarted) {
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
            return supervise(started, processes, onStarted);
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

    private Optional<SandboxResult> supervise(Process sandbox, ProcessTree tree, BooleanSupplier onStarted)
            throws InterruptedException {
        long startNanos = System.nanoTime();
        int limit = env.properties().outputLimitBytes();
        String thread = "sandbox-" + spec.executionId();
        Runnable stopOnOverflow = tree::kill;
        CappedOutput stdout = CappedOutput.start("stdout", limit, sandbox.getInputStream(), stopOnOverflow, thread + "-out");
        CappedOutput stderr = CappedOutput.start("stderr", limit, sandbox.getErrorStream(), stopOnOverflow, thread + "-err");
        if (!onStarted.getAsBoolean()) {
            synchronized (this) {
                stopped = true;
            }
        }
        boolean exited = !isStopped() && sandbox.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        if (!exited) {
            tree.killAndWait(KILL_PATIENCE);
        }
        stdout.awaitEnd(DRAIN_GRACE);
        stderr.awaitEnd(DRAIN_GRACE);
        if (isStopped()) {
            return Optional.empty();
        }
        return Optional.of(result(sandbox, exited, wallSeconds, stdout, stderr));
    }

    private SandboxResult result(Process sandbox, boolean exited, double wallSeconds, CappedOutput stdout,
                                 CappedOutput stderr) {
        ResourceUsage usage = ResourceUsage.wallTimeOnly(wallSeconds);
        String out = stdout.text();
        String err = stderr.text();
        if (stdout.exceeded() || stderr.exceeded()) {
            String stream = stdout.exceeded() ? "stdout" : "stderr";
            return new SandboxResult(Outcome.FAILED, new ExecutionResult(-1, out, err, stdout.exceeded(),
                    stderr.exceeded(), usage, ErrorType.RESOURCE_LIMIT, "The script wrote more than "
                    + env.properties().outputLimitBytes() + " bytes to " + stream + " and was stopped; write less output"));
        }
        if (!exited) {
            return new SandboxResult(Outcome.TIMED_OUT, new ExecutionResult(-1, out, err, false, false, usage,
                    ErrorType.TIMEOUT, "wall-clock limit of " + spec.timeout().toSeconds() + " s exceeded"));
        }
        int exitCode = sandbox.exitValue();
        Optional<String> setupFailure = setupFailure(exitCode, err);
        if (setupFailure.isPresent()) {
            return SandboxResult.systemError("The sandbox could not start: " + setupFailure.get());
        }
        return new SandboxResult(Outcome.COMPLETED, new ExecutionResult(exitCode, out, err, false, false, usage,
                exitCode == 0 ? null : ErrorType.SCRIPT_ERROR, null));
    }

    /**
     * bwrap and setpriv report their own failures with exit code 1 and a message prefixed by their name, before the
     * script could write anything.
     */
    private static Optional<String> setupFailure(int exitCode, String stderr) {
        if (exitCode == 1 && (stderr.startsWith("bwrap: ") || stderr.startsWith("setpriv: "))) {
            return Optional.of(stderr.strip());
        }
        return Optional.empty();
    }
}
