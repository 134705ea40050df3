package io.integr8s.executor.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What bwrap wrote to its {@code --json-status-fd} (the run's status file, {@link SandboxFds#STATUS}): one JSON object
 * per line, {@code {"child-pid": …}} once it cloned the sandbox and {@code {"exit-code": N}} when the script's process
 * ended. bwrap writes {@code exit-code} only after it executed the command: when its own set-up fails (a mount, an
 * option, the runtime binary not found) it exits 1 without that line, and when anything before bwrap fails (the cgroup
 * join, prlimit, setpriv, opening the fds) the file stays empty. This, never the script's output, tells a sandbox that
 * could not start from a script that failed. The script cannot write here: the fd is closed before it runs and the file
 * is private to the executor.
 */
final class BwrapStatus {

    /** Far more than bwrap writes (two short lines); the rest is not read. */
    private static final int MAX_BYTES = 64 * 1024;
    private static final Pattern EXIT_CODE = Pattern.compile("\"exit-code\"\\s*:\\s*-?\\d+");

    private BwrapStatus() {
    }

    /** True when bwrap executed the script's command, false when the sandbox never got that far. */
    static boolean scriptStarted(Path statusFile) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(statusFile, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        return EXIT_CODE.matcher(new String(bytes, StandardCharsets.UTF_8)).find();
    }
}
