package io.integr8s.api.execution;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/** The contract's {@code ExecutionRequest}; length and runtime are decided by the aggregate. */
public record ExecutionRequestBody(@NotNull(message = "Field required") String script,
                                   String lang,
                                   @JsonProperty("lang_version") String langVersion) {

    public String langOrDefault() {
        return lang == null ? "python" : lang;
    }

    public String langVersionOrDefault() {
        return langVersion == null ? "3.11" : langVersion;
    }
}
