package io.integr8s.executor.local.seccomp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * How a sandbox gets its {@link SeccompFilter}: {@code bwrap --seccomp 3} reads the program from fd 3, which the
 * executor-side shell in front of the sandbox opens from {@link #filterFile()} (see {@code SandboxFds}). bwrap reads the
 * program, closes the fd and loads the filter right before it executes the script's interpreter, after
 * {@code PR_SET_NO_NEW_PRIVS}; the filter is inherited by every process of the script and cannot be removed.
 */
public final class SeccompLoading {

    /** The fd bwrap reads the program from. */
    public static final int FD = 3;
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
     * {@code <tmp>/integr8s-seccomp-*&#47;seccomp-x86_64.bpf}: the directory {@code rwx------} and the file
     * {@code r--r--r--}, both owned by the executor (which opens it before dropping root), so nobody else can replace
     * it. Removed when the JVM exits normally (a crash leaves a 5 KB file behind).
     */
    private static synchronized Path writeShared() throws IOException {
        if (shared == null || !Files.isReadable(shared)) {
            Path dir = Files.createTempDirectory("integr8s-seccomp-");
            dir.toFile().deleteOnExit();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
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

    /**
     * The filter file to open as fd {@value #FD}, or null without a filter. The shared file is written again should a
     * temp-dir cleaner have removed it; if that fails the old path stays and the run fails opening it (system_error).
     */
    public Path filterFile() {
        if (filter == null) {
            if (problem != null) {
                throw new IllegalStateException("The sandbox cannot start: " + problem);
            }
            return null;
        }
        if (sharedFile) {
            try {
                return writeShared();
            } catch (IOException | RuntimeException e) {
                return filter;
            }
        }
        return filter;
    }

    /** bwrap's options that load the filter from fd {@value #FD}: {@code --seccomp 3}, or none. */
    public List<String> bwrapOptions() {
        return filter == null ? List.of() : List.of("--seccomp", Integer.toString(FD));
    }
}
