package io.integr8s.api.health;

import io.integr8s.api.roles.Role;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which health components an instance's readiness depends on, by its roles: the event store ({@code db}) for every
 * role, the read models ({@code readModels}, MongoDB) where they are read or written, Redis where sessions, rate
 * limits, live output or notifications travel through it, Kafka for the SSE bridge that consumes it, and the sandbox
 * backend for the executor. {@code readinessState} and {@code eventProcessors} (itself limited to the roles'
 * processors) count everywhere.
 */
final class RoleDependencies {

    static final String EVENT_STORE = "db";
    static final String READ_MODELS = "readModels";
    static final String REDIS = "redis";
    static final String KAFKA = "kafka";
    static final String EXECUTOR_BACKEND = "localSandbox";
    static final Set<String> ALWAYS = Set.of("readinessState", "eventProcessors");

    private static final Map<Role, Set<String>> BY_ROLE = new EnumMap<>(Map.of(
            Role.API, Set.of(EVENT_STORE, READ_MODELS, REDIS),
            Role.SAGAS, Set.of(EVENT_STORE),
            Role.COORDINATOR, Set.of(EVENT_STORE),
            Role.EXECUTOR, Set.of(EVENT_STORE, REDIS, EXECUTOR_BACKEND),
            Role.PROJECTIONS, Set.of(EVENT_STORE, READ_MODELS),
            Role.NOTIFICATIONS, Set.of(EVENT_STORE, READ_MODELS, REDIS),
            Role.SSE_BRIDGE, Set.of(KAFKA, REDIS)));

    private RoleDependencies() {
    }

    static Set<String> of(Set<Role> roles) {
        Set<String> components = new TreeSet<>(ALWAYS);
        roles.forEach(role -> components.addAll(BY_ROLE.get(role)));
        return components;
    }
}
