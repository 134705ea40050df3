package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The all-in-one application (the JVM with its embedded PostgreSQL, Kafka, Redis and Mongo-wire store) in its own
 * session, so that it can be killed as a whole with SIGKILL, as a power cut or the OOM
 * killer would. PostgreSQL's {@code pg_ctl} puts the postmaster in a session of its own, so the kill also takes the
 * process groups of the servers named by the pid files in the home. Its output goes to {@code <home>/../<name>.log}.
 */
final class AllInOneProcess {

    private static final Duration START = Duration.ofSeconds(180);
    /** The servers that leave a pid file in the home, and what their command line contains. */
    private static final List<String[]> SERVER_PID_FILES = List.of(
            new String[]{"postgres/postmaster.pid", "postgres"}, new String[]{"redis/redis.pid", "redis-server"});

    /**
     * Runs the command in a session of its own under a child subreaper that reaps every orphan at once, as a
     * proper init does. This machine's init reaps late: a killed postmaster stays a zombie for up to a minute, its pid
     * still "running" for PostgreSQL's lock-file check, and the next start fails (a real finding for containers
     * without an init, left to the embedded stack). Exits with the command's status once its orphans are reaped (at most 5 s after it).
     */
    private static final String REAPER = """
            import ctypes, os, sys, time
            ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
            child = os.fork()
            if child == 0:
                os.setsid()
                os.execv(sys.argv[1], sys.argv[1:])
            code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
            until = time.time() + 5  # the servers killed with it; a sandbox still running is left to init
            while time.time() < until:
                try:
                    if os.waitpid(-1, os.WNOHANG)[0] == 0:
                        time.sleep(0.05)
                except ChildProcessError:
                    break
            sys.exit(code if code >= 0 else 128 - code)
            """;

    private final Process process;
    private final Path home;
    private final int port;
    private final Path log;

    private AllInOneProcess(Process process, Path home, int port, Path log) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.log = log;
    }

    /** Starts it on {@code home} and waits until it is live; {@code properties} are {@code name=value}. */
    static AllInOneProcess start(Path home, String name, List<String> properties) {
        int port = InstanceProcess.freePort();
        Path log = home.resolveSibling(home.getFileName() + "-" + name + ".log");
        List<String> command = new ArrayList<>(List.of("python3", "-c", REAPER,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), Integr8sApplication.class.getName(),
                "--integr8s.home=" + home, "--server.port=" + port));
        properties.forEach(property -> command.add("--" + property));
        String beforeStart = stalePidFiles(home);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AllInOneProcess instance = new AllInOneProcess(process, home, port, log);
            long deadline = System.nanoTime() + START.toNanos();
            while (!instance.isLive()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the instance exited with " + process.exitValue() + "; see " + log
                            + "; before the start " + beforeStart + "; now " + stalePidFiles(home));
                }
                if (System.nanoTime() > deadline) {
                    instance.kill();
                    throw new IllegalStateException("the instance was not live within " + START + "; see " + log);
                }
                Thread.sleep(250);
            }
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /**
     * SIGKILL to the JVM's process group and to the embedded servers' groups at once (one {@code kill} call), then
     * waits until the JVM is gone.
     */
    void kill() throws IOException, InterruptedException {
        TreeSet<Long> groups = new TreeSet<>();
        process.children().forEach(jvm -> processGroup(jvm.pid()).ifPresent(groups::add));
        for (String[] server : SERVER_PID_FILES) {
            serverPid(home.resolve(server[0]), server[1]).flatMap(ProcessHandle::of).ifPresent(pid -> {
                processGroup(pid.pid()).ifPresent(groups::add);
                // PostgreSQL's backends each run in a session of their own
                pid.children().forEach(child -> processGroup(child.pid()).ifPresent(groups::add));
            });
        }
        List<String> command = new ArrayList<>(List.of("kill", "-KILL", "--"));
        groups.forEach(group -> command.add("-" + group));
        new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the instance (or an orphan of it) survived SIGKILL to its process groups "
                    + groups);
        }
    }

    /** The connection settings the embedded stack wrote for this start. */
    Properties runtimeProperties() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("runtime.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /**
     * What the servers' pid files left by the killed instance name now: a killed server's pid may meanwhile belong to
     * another process (pids wrap at /proc/sys/kernel/pid_max), and PostgreSQL then refuses to start.
     */
    private static String stalePidFiles(Path home) {
        List<String> found = new ArrayList<>();
        for (String[] server : SERVER_PID_FILES) {
            try {
                String pid = Files.readAllLines(home.resolve(server[0])).stream().findFirst().orElse("").trim();
                String now = Files.exists(Path.of("/proc", pid)) ? "alive as '"
                        + Files.readString(Path.of("/proc", pid, "comm")).trim() + "'" : "not running";
                found.add(server[0] + " names pid " + pid + ", " + now);
            } catch (IOException absent) {
                found.add(server[0] + " absent");
            }
        }
        return String.join(", ", found);
    }

    private static Optional<Long> serverPid(Path pidFile, String commandFragment) {
        try {
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            if (!first.matches("\\d+")) {
                return Optional.empty();
            }
            long pid = Long.parseLong(first);
            String cmdline = Files.readString(Path.of("/proc", first, "cmdline"));
            return cmdline.contains(commandFragment) ? Optional.of(pid) : Optional.empty();
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** Field 5 of /proc/pid/stat (after the command in parentheses, which may contain spaces). */
    private static Optional<Long> processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private boolean isLive() {
        return InstanceProcess.isLive(port);
    }
}
