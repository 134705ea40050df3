package io.integr8s.api.notification;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands an ended execution's notifications to their channels, after {@link NotificationRecorder} stored them: in-app
 * ones are published on their user's Redis channel (every instance's SSE streams listen), webhook and Slack ones are
 * posted ({@link OutboundSender}), unless a burst holds them for a digest ({@link BurstPolicy}). Only notifications not yet delivered are sent, so an event handled again sends
 * nothing twice; a replay sends nothing at all ({@link DisallowReplay}). When a receiver does not take one, the others
 * are still sent, then the handler fails and Axon parks the event in the group's dead-letter queue: retrying the
 * dead letter sends what is still undelivered.
 */
@Component
@ProcessingGroup(NotificationRecorder.PROCESSING_GROUP)
@Order(2)
@DisallowReplay
class NotificationDelivery {

    private final NotificationStore notifications;
    private final NotificationTopics topics;
    private final NotificationJson json;
    private final BurstPolicy bursts;
    private final OutboundSender sender;
    private final DeliveryOutcomes outcomes;
    private final Clock clock = Clock.systemUTC();

    NotificationDelivery(NotificationStore notifications, NotificationTopics topics, NotificationJson json,
                         BurstPolicy bursts, OutboundSender sender, DeliveryOutcomes outcomes) {
        this.notifications = notifications;
        this.topics = topics;
        this.json = json;
        this.bursts = bursts;
        this.sender = sender;
        this.outcomes = outcomes;
    }

    @EventHandler
    void on(ExecutionCompleted event) {
        deliver(event.executionId());
    }

    @EventHandler
    void on(ExecutionFailed event) {
        deliver(event.executionId());
    }

    @EventHandler
    void on(ExecutionTimedOut event) {
        deliver(event.executionId());
    }

    @EventHandler
    void on(ExecutionCancelled event) {
        deliver(event.executionId());
    }

    private void deliver(String executionId) {
        List<String> failures = new ArrayList<>();
        for (Notification notification : notifications.undelivered(executionId)) {
            try {
                int attempts = notification.channel().isOutbound() ? post(notification) : push(notification);
                if (attempts > 0) {
                    notifications.markDelivered(notification.notificationId(), attempts, clock.instant());
                }
            } catch (DeliveryFailedException e) {
                notifications.markFailed(notification.notificationId(), e.attempts(), e.getMessage());
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new DeliveryFailedException(String.join("; ", failures), 0);
        }
    }

    private int push(Notification notification) {
        topics.of(notification.userId()).publish(json.response(notification));
        outcomes.count(NotificationChannel.IN_APP, DeliveryOutcomes.Outcome.DELIVERED);
        return 1;
    }

    /** Attempts it took; 0 when it is held for a digest, or the subscription no longer takes it (marked skipped). */
    private int post(Notification notification) {
        if (bursts.holds(notification)) {
            notifications.hold(notification.notificationId());
            return 0;
        }
        int attempts = sender.send(notification.userId(), notification.channel(), notification.notificationId(),
                json.body(notification));
        if (attempts == 0) {
            notifications.markSkipped(notification.notificationId());
        }
        return attempts;
    }
}
