package io.integr8s.executor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host identity a sandbox runs as. An executor running as root switches to a non-root slot id first (bwrap
 * started by root would map the sandbox to host root; see {@link SandboxUsers}); a non-root executor runs sandboxes as
 * itself.
 */
record SandboxUser(int uid, int gid, boolean switchFromRoot) {

    static SandboxUser forThisProcess(LocalExecutorProperties properties) {
        try {
            Path self = Path.of("/proc/self");
            int uid = (Integer) Files.getAttribute(self, "unix:uid");
            int gid = (Integer) Files.getAttribute(self, "unix:gid");
            return uid == 0
                    ? new SandboxUser(properties.uidBase(), properties.uidBase(), true)
                    : new SandboxUser(uid, gid, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read this process's uid from /proc/self; the local sandbox needs "
                    + "Linux with /proc mounted", e);
        }
    }
}
