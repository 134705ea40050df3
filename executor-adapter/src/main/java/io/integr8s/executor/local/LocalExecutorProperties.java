package io.integr8s.executor.local;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * {@code integr8s.executor.local}: the bubblewrap sandbox on this machine.
 *
 * @param bwrap        the bubblewrap binary
 * @param setpriv      util-linux {@code setpriv}, used to drop root before bwrap starts
 * @param sandboxUid   host uid a sandbox runs as when the executor runs as root (never 0)
 * @param sandboxGid   host gid a sandbox runs as when the executor runs as root (never 0)
 * @param outputLimit  bytes kept per stream (stdout, stderr); a run that writes more is stopped
 * @param tmpfsSize    size of the sandbox's private, writable {@code /tmp}
 * @param maxParallel  hard bound on sandboxes running at once on this node; 0 = one per CPU core. Runs beyond it wait
 * @param stagingDir   where scripts are staged for the sandbox to read; empty = a fresh private directory under the
 *                     system temp dir. Must be reachable by the sandbox uid, owned by the executor, not group/world-writable
 */
@ConfigurationProperties(prefix = "integr8s.executor.local")
public record LocalExecutorProperties(@DefaultValue("/usr/bin/bwrap") Path bwrap,
                                      @DefaultValue("/usr/bin/setpriv") Path setpriv,
                                      @DefaultValue("65534") int sandboxUid,
                                      @DefaultValue("65534") int sandboxGid,
                                      @DefaultValue("1MB") DataSize outputLimit,
                                      @DefaultValue("64MB") DataSize tmpfsSize,
                                      @DefaultValue("0") int maxParallel,
                                      Path stagingDir) {

    public LocalExecutorProperties {
        if (sandboxUid <= 0 || sandboxGid <= 0) {
            throw new IllegalArgumentException("integr8s.executor.local.sandbox-uid/sandbox-gid must be non-root ids "
                    + "(> 0), got " + sandboxUid + "/" + sandboxGid);
        }
        if (outputLimit.toBytes() <= 0 || outputLimit.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("integr8s.executor.local.output-limit must be between 1B and 2GB, got "
                    + outputLimit);
        }
        if (maxParallel < 0) {
            throw new IllegalArgumentException("integr8s.executor.local.max-parallel must be 0 (one per core) or more");
        }
    }

    public int effectiveMaxParallel() {
        return maxParallel > 0 ? maxParallel : Runtime.getRuntime().availableProcessors();
    }

    public int outputLimitBytes() {
        return (int) outputLimit.toBytes();
    }
}
