package io.integr8s.api.notification;

import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.UUID;

/**
 * Hands a webhook or Slack notification to the delivery pool ({@link ReceiverLanes}) so the notifications processor
 * goes on at once: the notification is claimed for the post (no retry or other instance sends it meanwhile), the
 * pool posts it ({@link OutboundSender}) and records the outcome. One the receiver did not take parks its event in
 * the dead-letter queue ({@link DeliveryDeadLetters}); one the full pool refused is marked failed here and the
 * caller fails the event into that queue.
 */
@Component
class OutboundDispatcher {

    private final NotificationStore notifications;
    private final SubscriptionStore subscriptions;
    private final OutboundSender sender;
    private final ReceiverLanes lanes;
    private final DeliveryDeadLetters deadLetters;
    private final DeliveryOutcomes outcomes;
    private final Clock clock = Clock.systemUTC();

    OutboundDispatcher(NotificationStore notifications, SubscriptionStore subscriptions, OutboundSender sender,
                       ReceiverLanes lanes, DeliveryDeadLetters deadLetters, DeliveryOutcomes outcomes) {
        this.notifications = notifications;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.lanes = lanes;
        this.deadLetters = deadLetters;
        this.outcomes = outcomes;
    }

    /**
     * Queues the post of it; throws {@link DeliveryFailedException} (after marking it failed) when the pool's queues
     * are full. A notification already claimed (being posted, or in a digest) is left alone.
     */
    void dispatch(Notification notification, String body, EventMessage<?> event) {
        NotificationSubscription subscription = subscriptions.of(notification.userId(), notification.channel()).block();
        String url = subscription.receiverUrl();
        if (!subscription.enabled() || url == null) {
            notifications.markSkipped(notification.notificationId());
            outcomes.count(notification.channel(), DeliveryOutcomes.Outcome.SKIPPED);
            return;
        }
        String claim = UUID.randomUUID().toString();
        if (!notifications.claimPost(notification.notificationId(), claim, clock.instant())) {
            return;
        }
        if (!lanes.offer(url, () -> post(notification, claim, body, event))) {
            String why = "Notification " + notification.notificationId() + " was not sent: the delivery queue for "
                    + ReceiverLanes.host(url) + " is full (integr8s.notifications.delivery); retry the dead letter of "
                    + "processing group " + NotificationRecorder.PROCESSING_GROUP + " when the receiver takes posts";
            notifications.markFailed(notification.notificationId(), 0, why);
            notifications.endPost(notification.notificationId());
            outcomes.count(notification.channel(), DeliveryOutcomes.Outcome.FAILED);
            throw new DeliveryFailedException(why, 0);
        }
    }

    private void post(Notification notification, String claim, String body, EventMessage<?> event) {
        String id = notification.notificationId();
        if (!notifications.startPost(id, claim, clock.instant())) {
            return;
        }
        try {
            int attempts = sender.send(notification.userId(), notification.channel(), id, body);
            if (attempts > 0) {
                notifications.markDelivered(id, attempts, clock.instant());
            } else {
                notifications.markSkipped(id);
            }
            notifications.endPost(id);
        } catch (DeliveryFailedException e) {
            notifications.markFailed(id, e.attempts(), e.getMessage());
            notifications.endPost(id);
            deadLetters.park(event, e);
        }
        // anything else (the store unreachable) leaves the claim: once stale, the notification joins a digest
    }
}
