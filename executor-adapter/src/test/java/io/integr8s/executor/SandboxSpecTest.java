package io.integr8s.executor;

import io.integr8s.command.sandbox.api.CreateSandbox;
import io.integr8s.executor.local.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxSpecTest {

    @Test
    void aRunGetsTheMemoryAndCpuItsCommandCarries() {
        SandboxSpec spec = SandboxSpec.of(new CreateSandbox("exec-1", "print(1)", "python", "3.11", 7, "256Mi", "1500m"));

        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(spec.limits()).isEqualTo(new RunLimits(256L * 1024 * 1024, 1.5));
        ResourceLimits run = ResourceLimits.defaults().forRun(spec.limits());
        assertThat(run.memory()).isEqualTo(DataSize.ofMegabytes(256));
        assertThat(run.cpus()).isEqualTo(1.5);
        assertThat(run.processes()).isEqualTo(ResourceLimits.defaults().processes());
        assertThat(run.tmp()).isEqualTo(ResourceLimits.defaults().tmp());
    }

    @Test
    void aCommandWithoutLimitsLeavesThemToTheConfiguration() {
        SandboxSpec spec = SandboxSpec.of(new CreateSandbox("exec-1", "print(1)", "python", "3.11", 5, null, null));

        assertThat(spec.limits()).isEqualTo(RunLimits.CONFIGURED);
        assertThat(ResourceLimits.defaults().forRun(spec.limits())).isEqualTo(ResourceLimits.defaults());
    }
}
