package io.integr8s.command.settings.api;

import java.util.List;

/**
 * What a user wants to be notified of, and where (the contract's NotificationSettings; channel names are the
 * contract's {@code in_app}, {@code webhook}, {@code slack}).
 */
public record NotificationPreferences(boolean executionCompleted, boolean executionFailed, boolean systemUpdates,
                                      boolean securityAlerts, List<String> channels) {

    /** A user who never changed their settings. */
    public static final NotificationPreferences DEFAULTS = new NotificationPreferences(true, true, true, true,
            List.of("in_app"));

    public NotificationPreferences {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
