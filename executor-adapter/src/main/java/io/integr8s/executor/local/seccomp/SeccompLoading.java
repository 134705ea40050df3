package io.integr8s.executor.local.seccomp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * How a sandbox gets its {@link SeccompFilter}: {@code bwrap --seccomp 3} reads the program from fd 3, and Java cannot
 * hand a child extra fds, so a shell with a FIXED text opens the filter file (its path is a positional argument, never
 * part of the text) as fd 3 and executes the rest of the argv, which is bwrap:
 * <pre>
 * /bin/sh -c '&lt;{@link #SHELL_TEXT}&gt;' integr8s-seccomp &lt;filter&gt; /usr/bin/bwrap --seccomp 3 …
 * </pre>
 * The shell runs as the sandbox user (after {@code setpriv} and {@code prlimit}), so the file must be readable by it. bwrap reads the
 * program, closes the fd and loads the filter right before it executes the script's interpreter, after
 * {@code PR_SET_NO_NEW_PRIVS}; the filter is inherited by every process of the script and cannot be removed.
 */
public final class SeccompLoading {

    /** The fd bwrap reads the program from. */
    public static final int FD = 3;
    /** {@code $0} of the shell, also the prefix of its only error message. */
    public static final String NAME = "integr8s-seccomp";
    /**
     * Opens {@code $1} as fd 3 and executes the remaining arguments. {@code command exec} keeps dash from exiting on
     * a failed redirection, so the failure is reported in our words, with exit code 1 like bwrap's own failures.
     */
    public static final String SHELL_TEXT = "{ command exec 3<\"$1\"; } 2>/dev/null || { echo \"" + NAME
            + ": cannot open the seccomp filter $1 as the sandbox user\" >&2; exit 1; }; shift; exec \"$@\"";

    private static Path shared;

    private final Path filter;
    private final String problem;
    /** The filter is this JVM's shared file: written again should a temp-dir cleaner have removed it. */
    private final boolean sharedFile;

    private SeccompLoading(Path filter, String problem) {
        this(filter, problem, false);
    }

    private SeccompLoading(Path filter, String problem, boolean sharedFile) {
        this.filter = filter;
        this.problem = problem;
        this.sharedFile = sharedFile;
    }

    /** No filter: the argv stays as it is (integr8s.executor.local.seccomp=false). */
    public static SeccompLoading disabled() {
        return new SeccompLoading(null, null);
    }

    /**
     * The filter of this JVM, written once per process start to a fresh private directory under the system temp dir
     * ({@link #writeShared()}). On a machine the filter does not support, or when it cannot be written,
     * {@link #problem()} says so and sandboxes must not start.
     */
    public static SeccompLoading prepare(boolean enabled) {
        if (!enabled) {
            return disabled();
        }
        Optional<String> unsupported = SeccompFilter.unsupportedReason();
        if (unsupported.isPresent()) {
            return new SeccompLoading(null, unsupported.get());
        }
        try {
            return new SeccompLoading(writeShared(), null, true);
        } catch (IOException | RuntimeException e) {
            return new SeccompLoading(null, "the seccomp filter could not be written under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage() + "; check java.io.tmpdir");
        }
    }

    /** Loads the filter written to {@code dir} (by {@link SeccompFilter#writeTo}); for tests and special set-ups. */
    public static SeccompLoading of(Path filter) {
        return new SeccompLoading(filter, null);
    }

    /**
     * {@code <tmp>/integr8s-seccomp-*&#47;seccomp-x86_64.bpf}: the directory {@code rwx--x--x} and the file
     * {@code r--r--r--}, both owned by the executor, so the sandbox uids can open the file by its name but nobody
     * else can replace it. Removed when the JVM exits normally (a crash leaves a 576-byte file behind).
     */
    private static synchronized Path writeShared() throws IOException {
        if (shared == null || !Files.isReadable(shared)) {
            Path dir = Files.createTempDirectory("integr8s-seccomp-");
            dir.toFile().deleteOnExit();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Path file = SeccompFilter.x86_64().writeTo(dir);
            file.toFile().deleteOnExit();
            shared = file;
        }
        return shared;
    }

    public boolean enabled() {
        return filter != null || problem != null;
    }

    /** What keeps sandboxes from starting with the filter, as an instruction to fix it; empty if nothing does. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public Optional<Path> filter() {
        return Optional.ofNullable(filter);
    }

    /** The argv that starts bwrap: {@code [sh -c TEXT integr8s-seccomp <filter>] bwrap [--seccomp 3]}. */
    public List<String> bwrap(Path bwrap) {
        if (filter == null) {
            if (problem != null) {
                throw new IllegalStateException("The sandbox cannot start: " + problem);
            }
            return List.of(bwrap.toString());
        }
        Path file = filter;
        if (sharedFile) {
            try {
                file = writeShared();
            } catch (IOException | RuntimeException e) {
                // keep the old path: the shell then fails the run with "integr8s-seccomp: cannot open …" (system_error)
                file = filter;
            }
        }
        return List.of("/bin/sh", "-c", SHELL_TEXT, NAME, file.toString(), bwrap.toString(), "--seccomp",
                Integer.toString(FD));
    }
}
