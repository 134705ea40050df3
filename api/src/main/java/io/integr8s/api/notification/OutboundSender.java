package io.integr8s.api.notification;

import org.springframework.stereotype.Component;

/**
 * Posts to the receiver of a user's webhook or Slack subscription as it is at the moment of sending, at the address
 * {@link ReceiverUrlPolicy} checked. Blocking: called on the delivery pool and by the digests' own thread.
 */
@Component
class OutboundSender {

    private final SubscriptionStore subscriptions;
    private final ReceiverPoster poster;
    private final ReceiverUrlPolicy urls;
    private final DeliveryOutcomes outcomes;

    OutboundSender(SubscriptionStore subscriptions, ReceiverPoster poster, ReceiverUrlPolicy urls,
                   DeliveryOutcomes outcomes) {
        this.subscriptions = subscriptions;
        this.poster = poster;
        this.urls = urls;
        this.outcomes = outcomes;
    }

    /**
     * Attempts it took; 0 when the subscription no longer takes anything (switched off, or without a URL). Throws
     * {@link DeliveryFailedException} when the URL is refused or the receiver took none of the attempts.
     */
    int send(String userId, NotificationChannel channel, String messageId, String body) {
        try {
            int attempts = post(userId, channel, messageId, body);
            outcomes.count(channel, attempts > 0 ? DeliveryOutcomes.Outcome.DELIVERED : DeliveryOutcomes.Outcome.SKIPPED);
            return attempts;
        } catch (DeliveryFailedException e) {
            outcomes.count(channel, DeliveryOutcomes.Outcome.FAILED);
            throw e;
        }
    }

    private int post(String userId, NotificationChannel channel, String messageId, String body) {
        NotificationSubscription subscription = subscriptions.of(userId, channel).block();
        String url = subscription.receiverUrl();
        if (!subscription.enabled() || url == null) {
            return 0;
        }
        Receiver receiver;
        try {
            receiver = urls.receiver(channel, url);
        } catch (ReceiverRefusedException e) {
            throw new DeliveryFailedException("Notification " + messageId + " not sent to " + url + ": "
                    + e.getMessage(), 0);
        }
        return poster.post(receiver, messageId, body);
    }
}
