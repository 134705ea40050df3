package io.integr8s.api.notification;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands an ended execution's notifications to their channels, after {@link NotificationRecorder} stored them: in-app
 * ones are published on their user's Redis channel (every instance's SSE streams listen), webhook and Slack ones are
 * handed to the delivery pool ({@link OutboundDispatcher}), unless a burst holds them for a digest
 * ({@link BurstPolicy}). Nothing here waits for a receiver, so one user's slow receiver delays no one else's
 * notification. Only notifications not yet delivered are sent, so an event handled again sends nothing twice; a
 * replay sends nothing at all ({@link DisallowReplay}). A receiver that does not take one gets its event parked in the
 * group's dead-letter queue by the pool; when the pool is full, the others are still handed on, then the handler
 * fails and Axon parks the event. Retrying the dead letter sends what is still undelivered.
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
    private final OutboundDispatcher outbound;
    private final DeliveryOutcomes outcomes;
    private final Clock clock = Clock.systemUTC();

    NotificationDelivery(NotificationStore notifications, NotificationTopics topics, NotificationJson json,
                         BurstPolicy bursts, OutboundDispatcher outbound, DeliveryOutcomes outcomes) {
        this.notifications = notifications;
        this.topics = topics;
        this.json = json;
        this.bursts = bursts;
        this.outbound = outbound;
        this.outcomes = outcomes;
    }

    @EventHandler
    void on(ExecutionCompleted event, EventMessage<?> message) {
        deliver(event.executionId(), message);
    }

    @EventHandler
    void on(ExecutionFailed event, EventMessage<?> message) {
        deliver(event.executionId(), message);
    }

    @EventHandler
    void on(ExecutionTimedOut event, EventMessage<?> message) {
        deliver(event.executionId(), message);
    }

    @EventHandler
    void on(ExecutionCancelled event, EventMessage<?> message) {
        deliver(event.executionId(), message);
    }

    private void deliver(String executionId, EventMessage<?> event) {
        List<String> refused = new ArrayList<>();
        for (Notification notification : notifications.undelivered(executionId)) {
            if (!notification.channel().isOutbound()) {
                push(notification);
            } else if (bursts.holds(notification)) {
                notifications.hold(notification.notificationId());
            } else {
                try {
                    outbound.dispatch(notification, json.body(notification), event);
                } catch (DeliveryFailedException e) {
                    refused.add(e.getMessage());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new DeliveryFailedException(String.join("; ", refused), 0);
        }
    }

    private void push(Notification notification) {
        topics.of(notification.userId()).publish(json.response(notification));
        notifications.markDelivered(notification.notificationId(), 1, clock.instant());
        outcomes.count(NotificationChannel.IN_APP, DeliveryOutcomes.Outcome.DELIVERED);
    }
}
