package io.integr8s.command.user.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** What a user may do: {@code admin} sees and administers everything, the others only their own things. */
public enum UserRole {
    USER, ADMIN, MODERATOR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UserRole fromWireName(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + name + "'; use user, admin or moderator"));
    }
}
