package io.integr8s.executor.local;

import io.integr8s.executor.LiveOutput;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.InstalledRuntimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a {@link LocalSandbox} needs from this machine, shared by all sandboxes.
 *
 * @param users   the uid slots
 * @param cgroups the runs' cgroups; null only when {@code insecure-local} allowed running without them
 */
record LocalSandboxFactory(LocalExecutorProperties properties, InstalledRuntimes runtimes,
                           SandboxCommandLine commandLine, ScriptStaging staging, SandboxActivity activity,
                           SandboxUsers users, Cgroups cgroups, LiveOutput liveOutput) {

    private static final Logger log = LoggerFactory.getLogger(LocalSandboxFactory.class);

    /** Said in every result of a run without cgroups. */
    static final String NOT_LIMITED = "This run was not resource-limited: the executor runs with "
            + "integr8s.executor.local.insecure-local=true because no cgroup could enforce memory and process limits.";

    /**
     * Detects the cgroups (and removes what a crashed executor left in them); refuses to start without them unless
     * {@code insecure-local} is set.
     *
     * @throws IllegalStateException when memory and process limits cannot be enforced; the message says what to do
     */
    static LocalSandboxFactory forThisMachine(LocalExecutorProperties properties, InstalledRuntimes runtimes,
                                              SandboxActivity activity) {
        return forThisMachine(properties, runtimes, activity, LiveOutput.NONE);
    }

    /** As above, with where running sandboxes' output goes while they run ({@link LiveOutput}). */
    static LocalSandboxFactory forThisMachine(LocalExecutorProperties properties, InstalledRuntimes runtimes,
                                              SandboxActivity activity, LiveOutput liveOutput) {
        Cgroups cgroups;
        try {
            cgroups = Cgroups.detect(properties.cgroupRoot());
            int removed = cgroups.removeLeftovers();
            log.info("Local sandboxes run in {}{}", cgroups.describe(),
                    removed > 0 ? "; removed " + removed + " cgroup(s) left by a previous executor" : "");
        } catch (Cgroups.Unavailable e) {
            if (!properties.insecureLocal()) {
                throw new IllegalStateException("The local sandbox backend refuses to start: " + e.getMessage(), e);
            }
            log.warn("!!! INSECURE: local sandboxes run WITHOUT memory, process and CPU quota limits "
                    + "(integr8s.executor.local.insecure-local=true): {} !!! Never use this with untrusted scripts.",
                    e.getMessage());
            cgroups = null;
        }
        SandboxUsers users = SandboxUsers.forThisProcess(properties);
        return new LocalSandboxFactory(properties, runtimes, new SandboxCommandLine(properties, users.any()),
                ScriptStaging.open(properties.stagingDir()), activity, users, cgroups, liveOutput);
    }

    LocalSandbox create(SandboxSpec spec) {
        return new LocalSandbox(spec, this);
    }
}
