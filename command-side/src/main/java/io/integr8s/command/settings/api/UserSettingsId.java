package io.integr8s.command.settings.api;

/**
 * The identifier of a user's {@code UserSettings} aggregate. Not the user id itself: the event store numbers events
 * per aggregate identifier whatever the aggregate's type, and the {@code User} aggregate already has that one.
 */
public final class UserSettingsId {

    private static final String PREFIX = "user-settings:";

    private UserSettingsId() {
    }

    public static String of(String userId) {
        return PREFIX + userId;
    }
}
