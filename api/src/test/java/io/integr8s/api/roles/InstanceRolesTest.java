package io.integr8s.api.roles;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceRolesTest {

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
