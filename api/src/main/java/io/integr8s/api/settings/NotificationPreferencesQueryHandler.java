package io.integr8s.api.settings;

import io.integr8s.command.settings.api.NotificationPreferences;
import io.integr8s.query.settings.FindNotificationPreferences;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers {@link FindNotificationPreferences} from the settings read model, which commits with each change: the
 * preferences a PUT set are the answer as soon as it returned, on every instance.
 */
@Component
class NotificationPreferencesQueryHandler {

    private final UserSettingsStore store;

    NotificationPreferencesQueryHandler(UserSettingsStore store) {
        this.store = store;
    }

    @QueryHandler
    NotificationPreferences handle(FindNotificationPreferences query) {
        return store.settings(query.userId()).map(settings -> settings.values().notifications())
                .orElse(NotificationPreferences.DEFAULTS);
    }
}
