package io.integr8s.executor.local;

import io.integr8s.executor.local.seccomp.SeccompLoading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the argv that starts one sandbox: {@code setpriv} (drop root) then {@code bwrap}, then the runtime's command.
 * Only argv, never a shell string built from data. {@link #supervised} puts the cgroup join, the fds ({@link SandboxFds})
 * and the rlimits in front.
 */
final class SandboxCommandLine {

    /** Where the script appears inside the sandbox (read-only). */
    static final String SCRIPT_DIR = "/sandbox";

    /** Environment of the sandboxed process; nothing of the host's environment is passed on (bwrap adds PWD). */
    static final List<String> ENVIRONMENT = List.of("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8");

    /** Top-level directories that are symlinks into /usr on merged-/usr systems, or real directories elsewhere. */
    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** The few pieces of /etc an interpreter needs (the dynamic loader's cache, time zone); the rest stays hidden. */
    private static final List<String> ETC_FILES = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
            "/etc/localtime", "/etc/alternatives");

    private final LocalExecutorProperties properties;
    private final SandboxUser user;
    /** The seccomp filter bwrap loads (fd 3, opened by {@link SandboxFds}' shell), or none. */
    private final SeccompLoading seccomp;

    SandboxCommandLine(LocalExecutorProperties properties, SandboxUser user) {
        this.properties = properties;
        this.user = user;
        this.seccomp = SeccompLoading.prepare(properties.seccomp());
    }

    /** What keeps sandboxes from starting on this machine, as an instruction to fix it; empty if nothing does. */
    Optional<String> problem() {
        if (!Files.isExecutable(properties.bwrap())) {
            return Optional.of("bubblewrap is missing at " + properties.bwrap() + ": install bubblewrap "
                    + "(apt-get install bubblewrap) or set integr8s.executor.local.bwrap to its path");
        }
        if (!Files.isExecutable(properties.prlimit())) {
            return Optional.of("prlimit is missing at " + properties.prlimit() + ": install util-linux "
                    + "(apt-get install util-linux) or set integr8s.executor.local.prlimit to its path");
        }
        if (user.switchFromRoot() && !Files.isExecutable(properties.setpriv())) {
            return Optional.of("setpriv is missing at " + properties.setpriv() + ": install util-linux "
                    + "(apt-get install util-linux) or set integr8s.executor.local.setpriv to its path");
        }
        if (seccomp.problem().isPresent()) {
            return seccomp.problem();
        }
        return Optional.empty();
    }

    /**
     * The sandbox (setpriv, then bwrap) of one run. The script is not named: bwrap copies it from fd
     * {@value SandboxFds#SCRIPT} to {@code scriptInside}, and reports to fd {@value SandboxFds#STATUS}; both fds are
     * opened by {@link #supervised}'s shell.
     *
     * @param scriptInside       where the script appears inside, e.g. {@code /sandbox/main.py}
     * @param command            the runtime's argv, already pointing at {@code scriptInside}
     * @param runtimeEnvironment the runtime's extra environment ({@code NAME=value} entries fixed by configuration,
     *                           e.g. go's build cache in /tmp; never anything of a request), after the base one
     */
    List<String> build(SandboxUser user, String scriptInside, List<String> command, List<String> runtimeEnvironment) {
        List<String> argv = new ArrayList<>();
        if (user.switchFromRoot()) {
            argv.addAll(List.of(properties.setpriv().toString(),
                    "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        argv.add(properties.bwrap().toString());
        argv.addAll(seccomp.bwrapOptions());
        argv.addAll(List.of("--json-status-fd", Integer.toString(SandboxFds.STATUS)));
        argv.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session", "--cap-drop", "ALL", "--hostname", "sandbox"));
        argv.addAll(List.of("--ro-bind", "/usr", "/usr"));
        SYSTEM_DIRS.forEach(dir -> addSystemDir(argv, Path.of(dir)));
        ETC_FILES.forEach(file -> argv.addAll(List.of("--ro-bind-try", file, file)));
        String tmpBytes = Long.toString(properties.tmpfsSize().toBytes());
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        // a private, capped /dev/shm; the rest of /dev read-only so nothing can be stashed there
        argv.addAll(List.of("--size", tmpBytes, "--tmpfs", "/dev/shm", "--remount-ro", "/dev"));
        argv.addAll(List.of("--size", tmpBytes, "--tmpfs", "/tmp"));
        argv.addAll(List.of("--perms", "0444", "--ro-bind-data", Integer.toString(SandboxFds.SCRIPT), scriptInside));
        argv.add("--clearenv");
        java.util.stream.Stream.concat(ENVIRONMENT.stream(), runtimeEnvironment.stream()).forEach(variable -> {
            int eq = variable.indexOf('=');
            argv.addAll(List.of("--setenv", variable.substring(0, eq), variable.substring(eq + 1)));
        });
        argv.addAll(List.of("--chdir", "/tmp"));
        // last: everything not mounted above (the sandbox's own root tmpfs) becomes read-only too
        argv.addAll(List.of("--remount-ro", "/"));
        argv.add("--");
        argv.addAll(command);
        return List.copyOf(argv);
    }

    /**
     * The supervisor's part in front of {@link #build}: join the run's cgroups, open the run's fds
     * ({@link SandboxFds}), then the rlimits, then the sandbox.
     * <pre>
     * /bin/sh -c JOIN sh &lt;cgroup.procs files…&gt; -- /bin/sh -c FDS integr8s-sandbox &lt;script&gt; &lt;status&gt; &lt;filter&gt;
     *     prlimit --cpu=N:N+1 --fsize=TMP --nofile=F --core=0 -- setpriv … bwrap …
     * </pre>
     * The shell text is fixed; the cgroup paths arrive as positional arguments, so nothing of a run is ever parsed by
     * a shell. The shell writes its own pid into each group and then execs the rest: the process is in its groups
     * before anything of the sandbox can fork or allocate, and every descendant inherits them. Without cgroups
     * (insecure-local) the chain starts at prlimit.
     *
     * @param cgroup     the run's groups, or null when running without them
     * @param cpuSeconds RLIMIT_CPU: SIGXCPU at this many seconds of CPU, SIGKILL one second later
     */
    List<String> supervised(RunCgroup cgroup, long cpuSeconds, ScriptStaging.Staged staged, List<String> sandbox) {
        List<String> argv = new ArrayList<>();
        if (cgroup != null) {
            argv.addAll(List.of(SHELL, "-c", JOIN_CGROUPS, "sh"));
            cgroup.procsFiles().forEach(file -> argv.add(file.toString()));
            argv.add("--");
        }
        ResourceLimits limits = properties.limits();
        List<String> limited = new ArrayList<>(List.of(properties.prlimit().toString(),
                "--cpu=" + cpuSeconds + ":" + (cpuSeconds + 1),
                "--fsize=" + limits.tmp().toBytes(),
                "--nofile=" + limits.openFiles(),
                "--core=0", "--"));
        limited.addAll(sandbox);
        argv.addAll(SandboxFds.opening(staged.file(), staged.status(), seccomp.filterFile(), limited));
        return List.copyOf(argv);
    }

    /** Prefix of the message the join script writes when it cannot join a group (exit code {@link #JOIN_FAILED}). */
    private static final String JOIN_FAILURE = "integr8s-supervisor: ";
    private static final int JOIN_FAILED = 125;
    private static final String SHELL = "/bin/sh";
    /** Fixed text: writes $$ into each file argument up to "--", then execs the rest of its arguments. */
    private static final String JOIN_CGROUPS = "while [ \"$1\" != -- ]; do "
            + "echo $$ > \"$1\" || { echo \"" + JOIN_FAILURE + "cannot join the cgroup $1\" >&2; exit " + JOIN_FAILED + "; }; "
            + "shift; done; shift; exec \"$@\"";

    private static void addSystemDir(List<String> argv, Path dir) {
        if (Files.isSymbolicLink(dir)) {
            try {
                argv.addAll(List.of("--symlink", Files.readSymbolicLink(dir).toString(), dir.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the symlink " + dir + ": " + e.getMessage(), e);
            }
        } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            argv.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
        }
    }
}
