package io.integr8s.api.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Notification delivery ({@code integr8s.notifications}).
 *
 * @param webhook   signing, timeout and retries of webhook and Slack posts
 * @param outbound  which receiver addresses a webhook or Slack URL may reach (SSRF guard)
 * @param delivery  the pool that posts webhook and Slack notifications, off the notifications processor's thread
 * @param burst     when webhook and Slack notifications of one user are held and sent together as a digest
 * @param heartbeat comment line interval on the notifications SSE stream
 * @param preferencesTimeout how long the creator waits for a user's notification preferences
 */
@ConfigurationProperties(prefix = "integr8s.notifications")
public record NotificationProperties(@DefaultValue Webhook webhook,
                                     @DefaultValue Outbound outbound,
                                     @DefaultValue Delivery delivery,
                                     @DefaultValue Burst burst,
                                     @DefaultValue("30s") Duration heartbeat,
                                     @DefaultValue("5s") Duration preferencesTimeout) {

    public static final String DEVELOPMENT_SIGNING_SECRET = "integr8s-development-only-webhook-secret-change-me";

    /**
     * @param signingSecret HMAC-SHA256 key of {@code X-Integr8s-Signature}; the built-in value is refused under a
     *                      production profile
     * @param timeout       connect and response timeout of one attempt
     * @param attempts      attempts before the event goes to the dead-letter queue
     * @param backoff       wait before the second attempt; doubled ({@code multiplier}) before each further one
     */
    public record Webhook(@DefaultValue(DEVELOPMENT_SIGNING_SECRET) String signingSecret,
                          @DefaultValue("5s") Duration timeout,
                          @DefaultValue("3") int attempts,
                          @DefaultValue("1s") Duration backoff,
                          @DefaultValue("2") double multiplier) {

        public Webhook {
            if (attempts < 1) {
                throw new IllegalArgumentException("integr8s.notifications.webhook.attempts is " + attempts
                        + "; set it to 1 or more");
            }
        }
    }

    /**
     * @param allowedAddresses  addresses and CIDR ranges ({@code 10.20.0.7}, {@code 10.20.0.0/16}, {@code fd12::/64})
     *                          a receiver may resolve to although they are not global unicast: loopback, private,
     *                          link-local, this host's own… (on-premises receivers; {@code 127.0.0.1} for one on
     *                          this host)
     * @param allowHttpLoopback accept {@code http://127.0.0.1[:port]/…} URLs besides the contract's {@code https://}
     *                          ones (for tests only; the address must still be allowed above)
     * @param resolveTimeout    how long saving a subscription waits for the receiver's host name to resolve
     */
    public record Outbound(List<String> allowedAddresses, @DefaultValue("false") boolean allowHttpLoopback,
                           @DefaultValue("5s") Duration resolveTimeout) {

        public Outbound {
            allowedAddresses = allowedAddresses == null ? List.of() : List.copyOf(allowedAddresses);
            allowedRanges(allowedAddresses);
        }

        List<AddressRange> allowedRanges() {
            return allowedRanges(allowedAddresses);
        }

        private static List<AddressRange> allowedRanges(List<String> addresses) {
            try {
                return addresses.stream().map(AddressRange::parse).toList();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("integr8s.notifications.outbound.allowed-addresses: "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * @param threads          posts running at once, over all receivers
     * @param perReceiver      posts running at once to one receiver host; more wait in its queue, so a slow receiver
     *                         holds at most this many of the threads
     * @param perReceiverQueue posts waiting for one receiver host; beyond it a notification is not queued but failed
     *                         and its event dead-lettered (retrying the dead letter sends it)
     * @param queueCapacity    posts waiting over all receivers, with the same overflow
     */
    public record Delivery(@DefaultValue("8") int threads,
                           @DefaultValue("2") int perReceiver,
                           @DefaultValue("100") int perReceiverQueue,
                           @DefaultValue("1000") int queueCapacity) {

        public Delivery {
            if (threads < 2 || perReceiver < 1 || perReceiver >= threads || perReceiverQueue < 0 || queueCapacity < 0) {
                throw new IllegalArgumentException("integr8s.notifications.delivery: threads (" + threads
                        + ") must be 2 or more and larger than per-receiver (" + perReceiver + "), which must be 1 or "
                        + "more; the queues (" + perReceiverQueue + ", " + queueCapacity + ") 0 or more");
            }
        }
    }

    /**
     * @param limit          webhook or Slack notifications one user's channel receives one by one within {@code window};
     *                       further ones are held for a digest
     * @param window         the sliding window of {@code limit}
     * @param maxDigestDelay the longest a held notification waits for its digest: the subscription's
     *                       {@code batch_interval_minutes}, but never longer than this
     * @param checkInterval  how often held notifications are looked at
     * @param staleClaim     a digest claimed by an instance that did not finish it within this time is sent again
     */
    public record Burst(@DefaultValue("5") int limit,
                        @DefaultValue("1m") Duration window,
                        @DefaultValue("5m") Duration maxDigestDelay,
                        @DefaultValue("1s") Duration checkInterval,
                        @DefaultValue("10m") Duration staleClaim) {

        public Burst {
            if (limit < 1) {
                throw new IllegalArgumentException("integr8s.notifications.burst.limit is " + limit
                        + "; set it to 1 or more");
            }
        }
    }
}
