package io.integr8s.executor.local;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * {@code integr8s.executor.local}: the bubblewrap sandbox on this machine.
 *
 * @param bwrap        the bubblewrap binary
 * @param setpriv      util-linux {@code setpriv}, used to drop root before bwrap starts
 * @param uidBase      first host uid (and gid) of the sandbox slots when the executor runs as root: slot i runs as
 *                     {@code uid-base + i}, i &lt; max-parallel (never 0)
 * @param outputLimit  bytes kept per stream (stdout, stderr); a run that writes more is stopped
 * @param maxParallel  hard bound on sandboxes running at once on this node; 0 = one per CPU core. Runs beyond it wait
 * @param stagingDir   where scripts are staged (only the executor reads them: it hands them to bwrap as fds); empty =
 *                     {@code <integr8s.home>/staging}. Must be owned by the executor and writable by it alone (made
 *                     {@code rwx------})
 * @param limits       what one run may use ({@code limits.*})
 * @param prlimit      util-linux {@code prlimit}, sets the rlimits before root is dropped
 * @param cgroupRoot   where the cgroup hierarchies are mounted (v1: {@code <root>/<controller>}, v2: {@code <root>} or
 *                     {@code <root>/unified}); runs get {@code integr8s/<run>} groups below
 * @param insecureLocal run without cgroup limits when none can be enforced (development only: loud warning, and every
 *                     result says the run was not resource-limited); false = refuse to start instead
 * @param seccomp      load the sandbox's seccomp filter (x86_64 only; see the README's "Seccomp" table); false only
 *                     for machines it does not support
 */
@ConfigurationProperties(prefix = "integr8s.executor.local")
public record LocalExecutorProperties(@DefaultValue("/usr/bin/bwrap") Path bwrap,
                                      @DefaultValue("/usr/bin/setpriv") Path setpriv,
                                      @DefaultValue("61000") int uidBase,
                                      @DefaultValue("1MB") DataSize outputLimit,
                                      @DefaultValue("0") int maxParallel,
                                      Path stagingDir,
                                      @DefaultValue ResourceLimits limits,
                                      @DefaultValue("/usr/bin/prlimit") Path prlimit,
                                      @DefaultValue("/sys/fs/cgroup") Path cgroupRoot,
                                      @DefaultValue("false") boolean insecureLocal,
                                      @DefaultValue("true") boolean seccomp) {

    @ConstructorBinding
    public LocalExecutorProperties {
        if (uidBase <= 0) {
            throw new IllegalArgumentException("integr8s.executor.local.uid-base must be a non-root id (> 0), got "
                    + uidBase);
        }
        if (limits == null) {
            limits = ResourceLimits.defaults();
        }
        if (prlimit == null) {
            prlimit = Path.of("/usr/bin/prlimit");
        }
        if (cgroupRoot == null) {
            cgroupRoot = Path.of("/sys/fs/cgroup");
        }
        if (outputLimit.toBytes() <= 0 || outputLimit.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("integr8s.executor.local.output-limit must be between 1B and 2GB, got "
                    + outputLimit);
        }
        if (maxParallel < 0) {
            throw new IllegalArgumentException("integr8s.executor.local.max-parallel must be 0 (one per core) or more");
        }
    }

    /**
     * The settings of before the supervisor (uid and gid were one fixed id, now the first slot's; tmpfs size is
     * {@code limits.tmp}); other limits at their defaults, cgroups at {@code /sys/fs/cgroup}, never insecure.
     */
    public LocalExecutorProperties(Path bwrap, Path setpriv, int sandboxUid, int sandboxGid, DataSize outputLimit,
                                   DataSize tmpfsSize, int maxParallel, Path stagingDir) {
        this(bwrap, setpriv, sandboxUid, outputLimit, maxParallel, stagingDir, ResourceLimits.defaults().withTmp(tmpfsSize),
                null, null, false, true);
    }

    /** Size of the sandbox's private writable {@code /tmp}: {@code limits.tmp}. */
    public DataSize tmpfsSize() {
        return limits.tmp();
    }

    public LocalExecutorProperties withLimits(ResourceLimits newLimits) {
        return new LocalExecutorProperties(bwrap, setpriv, uidBase, outputLimit, maxParallel, stagingDir, newLimits,
                prlimit, cgroupRoot, insecureLocal, seccomp);
    }

    public LocalExecutorProperties withCgroupRoot(Path root, boolean insecure) {
        return new LocalExecutorProperties(bwrap, setpriv, uidBase, outputLimit, maxParallel, stagingDir, limits,
                prlimit, root, insecure, seccomp);
    }

    /** These settings with {@code stagingDir} where none is configured. */
    public LocalExecutorProperties withDefaultStagingDir(Path dir) {
        return stagingDir != null ? this : new LocalExecutorProperties(bwrap, setpriv, uidBase, outputLimit, maxParallel,
                dir, limits, prlimit, cgroupRoot, insecureLocal, seccomp);
    }

    public LocalExecutorProperties withSeccomp(boolean enabled) {
        return new LocalExecutorProperties(bwrap, setpriv, uidBase, outputLimit, maxParallel, stagingDir, limits,
                prlimit, cgroupRoot, insecureLocal, enabled);
    }

    public int effectiveMaxParallel() {
        return maxParallel > 0 ? maxParallel : Runtime.getRuntime().availableProcessors();
    }

    public int outputLimitBytes() {
        return (int) outputLimit.toBytes();
    }
}
