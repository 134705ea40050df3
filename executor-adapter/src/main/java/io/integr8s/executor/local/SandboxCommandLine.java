package io.integr8s.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the argv that starts one sandbox: {@code setpriv} (drop root) then {@code bwrap}, then the runtime's command.
 * Only argv, never a shell string. This is the place where cgroups, seccomp and rlimits will be added.
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

    SandboxCommandLine(LocalExecutorProperties properties, SandboxUser user) {
        this.properties = properties;
        this.user = user;
    }

    /** What keeps sandboxes from starting on this machine, as an instruction to fix it; empty if nothing does. */
    Optional<String> problem() {
        if (!Files.isExecutable(properties.bwrap())) {
            return Optional.of("bubblewrap is missing at " + properties.bwrap() + ": install bubblewrap "
                    + "(apt-get install bubblewrap) or set integr8s.executor.local.bwrap to its path");
        }
        if (user.switchFromRoot() && !Files.isExecutable(properties.setpriv())) {
            return Optional.of("setpriv is missing at " + properties.setpriv() + ": install util-linux "
                    + "(apt-get install util-linux) or set integr8s.executor.local.setpriv to its path");
        }
        return Optional.empty();
    }

    /**
     * @param stagedScript the script on the host, readable by the sandbox user
     * @param scriptInside where it is mounted inside, e.g. {@code /sandbox/main.py}
     * @param command      the runtime's argv, already pointing at {@code scriptInside}
     */
    List<String> build(Path stagedScript, String scriptInside, List<String> command) {
        List<String> argv = new ArrayList<>();
        if (user.switchFromRoot()) {
            argv.addAll(List.of(properties.setpriv().toString(),
                    "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        argv.add(properties.bwrap().toString());
        // --unshare-user after --unshare-all makes the user namespace mandatory instead of "if possible"
        argv.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session", "--cap-drop", "ALL", "--hostname", "sandbox"));
        argv.addAll(List.of("--ro-bind", "/usr", "/usr"));
        SYSTEM_DIRS.forEach(dir -> addSystemDir(argv, Path.of(dir)));
        ETC_FILES.forEach(file -> argv.addAll(List.of("--ro-bind-try", file, file)));
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        argv.addAll(List.of("--size", Long.toString(properties.tmpfsSize().toBytes()), "--tmpfs", "/tmp"));
        argv.addAll(List.of("--ro-bind", stagedScript.toString(), scriptInside));
        argv.add("--clearenv");
        ENVIRONMENT.forEach(variable -> {
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
