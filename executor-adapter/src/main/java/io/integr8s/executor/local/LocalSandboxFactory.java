package io.integr8s.executor.local;

import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.InstalledRuntimes;

/** Everything a {@link LocalSandbox} needs from this machine, shared by all sandboxes. */
record LocalSandboxFactory(LocalExecutorProperties properties, InstalledRuntimes runtimes,
                           SandboxCommandLine commandLine, ScriptStaging staging, SandboxActivity activity) {

    static LocalSandboxFactory forThisMachine(LocalExecutorProperties properties, InstalledRuntimes runtimes,
                                              SandboxActivity activity) {
        SandboxUser user = SandboxUser.forThisProcess(properties);
        return new LocalSandboxFactory(properties, runtimes, new SandboxCommandLine(properties, user),
                ScriptStaging.open(properties.stagingDir(), user), activity);
    }

    LocalSandbox create(SandboxSpec spec) {
        return new LocalSandbox(spec, this);
    }
}
