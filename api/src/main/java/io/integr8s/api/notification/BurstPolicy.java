package io.integr8s.api.notification;

import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Whether a webhook or Slack notification is part of a burst: its user's channel already received
 * {@code integr8s.notifications.burst.limit} within the window, or notifications of it already wait for a digest
 * (a newcomer joins them, so the receiver sees them in order). Such a notification is held for
 * {@link NotificationDigests}, never dropped.
 */
@Component
class BurstPolicy {

    private final NotificationStore notifications;
    private final NotificationProperties.Burst burst;
    private final Clock clock = Clock.systemUTC();

    BurstPolicy(NotificationStore notifications, NotificationProperties properties) {
        this.notifications = notifications;
        this.burst = properties.burst();
    }

    boolean holds(Notification notification) {
        return notifications.holding(notification.userId(), notification.channel())
                || notifications.deliveredSince(notification.userId(), notification.channel(),
                clock.instant().minus(burst.window())) >= burst.limit();
    }
}
