package io.integr8s.executor.local;

import io.integr8s.executor.local.seccomp.SeccompLoading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands bwrap its inputs as file descriptors, so no host path of a run is ever named to bwrap or seen in the sandbox
 * (its {@code /proc/self/mountinfo}, or {@code /proc/1/cmdline}, which is bwrap's argv). Java cannot give a child
 * extra fds, so a shell with a FIXED text (the paths are positional arguments, never part of the text) opens them and
 * executes the rest of its argv. It runs as the executor (before prlimit and setpriv drop root), so the files stay
 * private to the executor:
 * <pre>
 * /bin/sh -c TEXT integr8s-sandbox &lt;script&gt; &lt;status&gt; &lt;seccomp filter or ""&gt; prlimit … setpriv … bwrap …
 * </pre>
 * <ul>
 *   <li>fd {@value #SCRIPT}: the staged script, read; bwrap copies it into the sandbox
 *       ({@code --ro-bind-data 4 /sandbox/main.<ext>}) and closes it;</li>
 *   <li>fd {@value #STATUS}: the run's status file, append; bwrap writes {@code --json-status-fd} lines to it
 *       ({@link BwrapStatus}) and keeps it out of the sandbox;</li>
 *   <li>fd {@value #SECCOMP}: the seccomp filter, when there is one ({@code bwrap --seccomp 3}).</li>
 * </ul>
 */
final class SandboxFds {

    static final int SECCOMP = SeccompLoading.FD;
    static final int SCRIPT = 4;
    static final int STATUS = 5;
    /** {@code $0} of the shell and the prefix of its error messages. */
    static final String NAME = "integr8s-sandbox";
    /** {@code command exec} keeps dash from exiting on a failed redirection, so the failure is said in our words. */
    static final String SHELL_TEXT = "{ command exec " + SCRIPT + "<\"$1\" " + STATUS + ">>\"$2\"; } 2>/dev/null"
            + " || { echo \"" + NAME + ": cannot open the staged script $1 or its status file\" >&2; exit 1; }; "
            + "if [ -n \"$3\" ]; then { command exec " + SECCOMP + "<\"$3\"; } 2>/dev/null"
            + " || { echo \"" + NAME + ": cannot open the seccomp filter $3\" >&2; exit 1; }; fi; "
            + "shift 3; exec \"$@\"";

    private SandboxFds() {
    }

    /** The argv in front of {@code next} that opens the fds; {@code seccompFilter} may be null (no filter). */
    static List<String> opening(Path script, Path status, Path seccompFilter, List<String> next) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", SHELL_TEXT, NAME, script.toString(),
                status.toString(), seccompFilter == null ? "" : seccompFilter.toString()));
        argv.addAll(next);
        return List.copyOf(argv);
    }
}
