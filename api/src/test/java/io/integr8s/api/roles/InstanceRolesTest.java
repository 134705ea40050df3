package io.integr8s.api.roles;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceRolesTest {

    @EnableConfigurationProperties(InstanceRoles.class)
    static class BindsRoles {
    }

    private final ApplicationContextRunner startup = new ApplicationContextRunner().withUserConfiguration(BindsRoles.class);

    @Test
    void anInstanceConfiguredWithSagasButNoExecutorDoesNotStart() {
        startup.withPropertyValues("integr8s.roles=sagas,coordinator").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("'sagas' without 'executor'"));
    }

    @Test
    void aCommaSeparatedListFromTheEnvironmentIsBound() {
        startup.withPropertyValues("integr8s.roles=api, sse-bridge").run(context -> assertThat(
                context.getBean(InstanceRoles.class).held()).containsExactlyInAnyOrder(Role.API, Role.SSE_BRIDGE));
    }

    @Test
    void noRolesListedMeansEveryRole() {
        assertThat(new InstanceRoles(null).held()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(new InstanceRoles(List.of()).held()).isEqualTo(EnumSet.allOf(Role.class));
    }

    @Test
    void rolesAreReadByTheirConfigurationNames() {
        InstanceRoles roles = new InstanceRoles(List.of("api", "sse-bridge"));

        assertThat(roles.held()).containsExactlyInAnyOrder(Role.API, Role.SSE_BRIDGE);
        assertThat(roles.has(Role.EXECUTOR)).isFalse();
    }

    @Test
    void anUnknownRoleIsRefusedWithTheNamesToUse() {
        assertThatThrownBy(() -> new InstanceRoles(List.of("api", "worker", "Projections")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[worker, Projections]")
                .hasMessageContaining("api, sagas, coordinator, executor, projections, notifications, sse-bridge");
    }

    @Test
    void sagasWithoutTheExecutorAreRefused() {
        assertThatThrownBy(() -> new InstanceRoles(List.of("sagas", "coordinator")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sagas' without 'executor'")
                .hasMessageContaining("add 'executor'");
    }

    @Test
    void theWorkerRolesAreAccepted() {
        assertThat(new InstanceRoles(List.of("sagas", "coordinator", "executor")).held())
                .containsExactlyInAnyOrder(Role.SAGAS, Role.COORDINATOR, Role.EXECUTOR);
    }

    @Test
    void processorsOfMissingRolesDoNotRunAndUnassignedOnesAlwaysDo() {
        InstanceRoles roles = new InstanceRoles(List.of("api", "projections"));

        assertThat(roles.runsProcessor("execution-projection")).isTrue();
        assertThat(roles.runsProcessor("ExecutionSagaProcessor")).isFalse();
        assertThat(roles.runsProcessor("coordinator")).isFalse();
        assertThat(roles.runsProcessor("sse-bridge")).isFalse();
        assertThat(roles.runsProcessor("user-directory")).isTrue();
        assertThat(roles.runsProcessor("system-settings")).isTrue();
    }
}
