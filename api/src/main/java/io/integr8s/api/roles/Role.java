package io.integr8s.api.roles;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A part of integr8s an instance can take on (DESIGN.md §2); {@code integr8s.roles} lists this instance's. */
public enum Role {
    API("api"),
    SAGAS("sagas"),
    COORDINATOR("coordinator"),
    EXECUTOR("executor"),
    PROJECTIONS("projections"),
    NOTIFICATIONS("notifications"),
    SSE_BRIDGE("sse-bridge");

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static Optional<Role> named(String configName) {
        return Arrays.stream(values()).filter(role -> role.configName.equals(configName)).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", "));
    }
}
