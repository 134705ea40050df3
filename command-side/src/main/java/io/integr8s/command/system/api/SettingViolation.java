package io.integr8s.command.system.api;

/** One system setting out of its bounds; {@code field} is its wire name, the message says what is allowed. */
public record SettingViolation(String field, Object input, String message) {
}
