package io.integr8s.api.notification;

import io.integr8s.api.notification.NotificationStore.HeldChannel;
import io.integr8s.api.roles.InstanceRoles;
import io.integr8s.api.roles.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends what {@link BurstPolicy} held: once the oldest held notification of a user's channel waited the
 * subscription's batch interval (at most {@code integr8s.notifications.burst.max-digest-delay}), every held one of
 * that channel goes out in one signed post, made by the delivery pool ({@link ReceiverLanes}; when its queues are
 * full the notifications are held again for the next check). Runs on instances with the {@code notifications} role;
 * several may run, each notification is claimed by one digest. A receiver that takes none of the attempts leaves them
 * {@code failed} with the reason, kept and listed like any other. Posts of the delivery pool whose instance stopped
 * before making them (their claim went stale) are held for the next digest here too.
 */
@Component
class NotificationDigests implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationDigests.class);

    private final NotificationStore notifications;
    private final SubscriptionStore subscriptions;
    private final NotificationJson json;
    private final OutboundSender sender;
    private final ReceiverLanes lanes;
    private final NotificationProperties.Burst burst;
    private final boolean enabled;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;

    NotificationDigests(NotificationStore notifications, SubscriptionStore subscriptions, NotificationJson json,
                        OutboundSender sender, ReceiverLanes lanes, NotificationProperties properties,
                        InstanceRoles roles) {
        this.notifications = notifications;
        this.subscriptions = subscriptions;
        this.json = json;
        this.sender = sender;
        this.lanes = lanes;
        this.burst = properties.burst();
        this.enabled = roles.has(Role.NOTIFICATIONS);
    }

    @Override
    public synchronized void start() {
        if (enabled && scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "notification-digests"));
            long every = burst.checkInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::sendDue, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void sendDue() {
        try {
            Instant now = clock.instant();
            notifications.releaseStaleDigests(now.minus(burst.staleClaim()));
            notifications.releaseStalePosts(now.minus(burst.staleClaim()));
            for (Map.Entry<HeldChannel, Instant> held : notifications.heldChannels().entrySet()) {
                NotificationSubscription subscription = subscriptions.of(held.getKey().userId(),
                        held.getKey().channel()).block();
                if (!held.getValue().plus(delay(subscription)).isAfter(now)) {
                    send(held.getKey(), subscription);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Held notifications were not sent this time (tried again in {}): {}", burst.checkInterval(),
                    e.toString());
        }
    }

    private Duration delay(NotificationSubscription subscription) {
        Duration interval = Duration.ofMinutes(subscription.batchIntervalMinutes());
        return interval.compareTo(burst.maxDigestDelay()) < 0 ? interval : burst.maxDigestDelay();
    }

    /** Hands the channel's held notifications as one digest to the delivery pool; holds them again when it is full. */
    private void send(HeldChannel held, NotificationSubscription subscription) {
        String digestId = UUID.randomUUID().toString();
        List<Notification> digest = notifications.claimDigest(held, digestId, clock.instant());
        if (digest.isEmpty()) {
            return;
        }
        String url = subscription.receiverUrl() == null ? "" : subscription.receiverUrl();
        if (!lanes.offer(url, () -> post(held, digestId, digest))) {
            notifications.releaseDigest(digestId);
            log.warn("The delivery queue for {} is full: a digest of {} notifications of user {} waits for the next "
                    + "check", ReceiverLanes.host(url), digest.size(), held.userId());
        }
    }

    private void post(HeldChannel held, String digestId, List<Notification> digest) {
        if (!notifications.startDigest(digestId, clock.instant())) {
            return;
        }
        try {
            int attempts = sender.send(held.userId(), held.channel(), digestId,
                    json.digest(held.channel(), digestId, digest));
            if (attempts == 0) {
                notifications.digestSkipped(digestId);
            } else {
                notifications.digestDelivered(digestId, attempts, clock.instant());
            }
        } catch (DeliveryFailedException e) {
            notifications.digestFailed(digestId, e.attempts(), e.getMessage());
            log.error("A digest of {} {} notifications of user {} was not delivered; they are kept as failed: {}",
                    digest.size(), held.channel().wireName(), held.userId(), e.getMessage());
        }
    }
}
