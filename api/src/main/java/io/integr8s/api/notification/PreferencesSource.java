package io.integr8s.api.notification;

import io.integr8s.command.settings.api.NotificationPreferences;
import io.integr8s.query.settings.FindNotificationPreferences;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A user's notification preferences from their settings. No handler for the query means this build has no user
 * settings, so nobody could have changed theirs: {@code DEFAULTS}, with a warning. Any other failure propagates
 * (the event is retried from the dead-letter queue), so a preference is never ignored because settings were slow.
 */
@Component
class PreferencesSource {

    private static final Logger log = LoggerFactory.getLogger(PreferencesSource.class);

    private final QueryGateway queries;
    private final NotificationProperties properties;

    PreferencesSource(QueryGateway queries, NotificationProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    NotificationPreferences of(String userId) {
        try {
            return queries.query(new FindNotificationPreferences(userId), NotificationPreferences.class)
                    .get(properties.preferencesTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoHandlerForQueryException) {
                log.warn("No handler answers FindNotificationPreferences (user settings are not in this build); "
                        + "notifying user {} with the default preferences", userId);
                return NotificationPreferences.DEFAULTS;
            }
            throw new IllegalStateException("Cannot read the notification preferences of user " + userId, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The notification preferences of user " + userId + " did not arrive within "
                    + properties.preferencesTimeout() + "; the event is retried from the dead-letter queue", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the preferences of user " + userId, e);
        }
    }
}
