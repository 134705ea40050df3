package io.integr8s.executor.local;

import io.integr8s.command.runtime.RuntimeRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.nio.file.Files;
import java.nio.file.Path;

/** The executor role is ready when the sandbox tools are installed and at least one runtime can run. */
public class LocalSandboxHealthIndicator implements HealthIndicator {

    private final LocalExecutorProperties properties;
    private final RuntimeRegistry runtimes;
    private final SandboxActivity activity;

    public LocalSandboxHealthIndicator(LocalExecutorProperties properties, RuntimeRegistry runtimes, SandboxActivity activity) {
        this.properties = properties;
        this.runtimes = runtimes;
        this.activity = activity;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (Path tool : new Path[]{properties.bwrap(), properties.setpriv()}) {
            if (!Files.isExecutable(tool)) {
                health = Health.down().withDetail("missing", tool + " (run bin/setup-os, or apt-get install bubblewrap util-linux)");
            }
        }
        if (runtimes.languages().isEmpty()) {
            health = Health.down().withDetail("runtimes", "none installed; see integr8s.runtimes in executor-adapter/README.md");
        } else {
            health.withDetail("runtimes", runtimes.describe());
        }
        return health.withDetail("activeSandboxes", activity.active()).build();
    }
}
