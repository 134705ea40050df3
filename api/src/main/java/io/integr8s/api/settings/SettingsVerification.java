package io.integr8s.api.settings;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Whether a user's settings read model is what their events say.
 *
 * @param events        the user's settings events in the event store
 * @param firstMismatch null when verified
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SettingsVerification(String userId, int events, boolean verified, Mismatch firstMismatch) {

    /**
     * The first place where the read model differs from the events.
     *
     * @param entry    the position in the user's history (oldest first, from 0); null for the settings row
     * @param sequence the event the entry comes from; null when there is none
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Mismatch(Integer entry, Long sequence, String field, String problem) {
    }
}
