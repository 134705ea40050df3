package io.integr8s.command.execution.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why an execution did not end with a clean exit; the contract's {@code error_type}. */
public enum ErrorType {
    SYSTEM_ERROR, TIMEOUT, RESOURCE_LIMIT, SCRIPT_ERROR, PERMISSION_DENIED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
