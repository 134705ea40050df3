package io.integr8s.api.roles;

import io.integr8s.api.notification.NotificationRecorder;
import io.integr8s.api.stream.ExecutionEventRelay;
import io.integr8s.projections.execution.ExecutionProjection;
import io.integr8s.projections.saga.SagaProjection;
import io.integr8s.sagas.coordinator.Coordinator;
import io.integr8s.sagas.execution.ExecutionSaga;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles this instance has ({@code integr8s.roles}); none listed = every role, the single-process default.
 * Commands travel on Axon's local command bus, so the saga's {@code CreateSandbox}/{@code DeleteSandbox} are handled
 * in the saga's own process: {@code sagas} needs {@code executor} beside it (ADR 0007).
 */
@ConfigurationProperties(prefix = "integr8s")
public record InstanceRoles(List<String> roles) {

    /** The tracking processors that belong to a role; every other processor (the subscribing ones) always runs. */
    private static final Map<String, Role> PROCESSOR_ROLES = Map.of(
            ExecutionSaga.PROCESSOR, Role.SAGAS,
            Coordinator.PROCESSING_GROUP, Role.COORDINATOR,
            ExecutionProjection.PROCESSING_GROUP, Role.PROJECTIONS,
            SagaProjection.PROCESSING_GROUP, Role.PROJECTIONS,
            ExecutionEventRelay.PROCESSING_GROUP, Role.SSE_BRIDGE,
            NotificationRecorder.PROCESSING_GROUP, Role.NOTIFICATIONS);

    public InstanceRoles {
        roles = roles == null ? List.of() : List.copyOf(roles);
        Set<Role> held = parse(roles);
        if (held.contains(Role.SAGAS) && !held.contains(Role.EXECUTOR)) {
            throw new IllegalArgumentException("integr8s.roles " + roles + " has 'sagas' without 'executor': the "
                    + "saga's sandbox commands are handled in its own process (local command bus), so add 'executor' "
                    + "to this instance's roles (the worker Deployment runs sagas, coordinator, executor)");
        }
    }

    public boolean has(Role role) {
        return held().contains(role);
    }

    /** Whether this instance runs the event processor of that name (processors of roles it lacks are stopped). */
    public boolean runsProcessor(String processorName) {
        Role owner = PROCESSOR_ROLES.get(processorName);
        return owner == null || has(owner);
    }

    public Set<Role> held() {
        return Collections.unmodifiableSet(parse(roles));
    }

    private static Set<Role> parse(List<String> names) {
        if (names.isEmpty()) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> held = EnumSet.noneOf(Role.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Role.named(name).ifPresentOrElse(held::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("integr8s.roles names unknown role(s) " + unknown + ": use any of "
                    + Role.allNames() + " (comma-separated, e.g. INTEGR8S_ROLES=api,sse-bridge), or leave it empty "
                    + "for all of them");
        }
        return held;
    }
}
