package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The contract's endpoint groups; a rule names one, and the decision metric is tagged with it. */
public enum EndpointGroup {
    EXECUTION, ADMIN, SSE, WEBSOCKET, AUTH, PUBLIC, API;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a stored rule; requests are validated before anything is stored. */
    @JsonCreator
    static EndpointGroup of(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("Unknown endpoint group '" + name + "'"));
    }

    public static Optional<EndpointGroup> fromWireName(String name) {
        return Arrays.stream(values()).filter(group -> group.wireName().equals(name)).findFirst();
    }

    static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(EndpointGroup::wireName).toList());
    }
}
