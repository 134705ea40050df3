package io.integr8s.api.notification;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionEnded;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.settings.api.NotificationPreferences;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Creates the notifications of an ended execution, first in the {@value #PROCESSING_GROUP} processor (its
 * {@link NotificationDelivery} runs after it, {@link Order}): one per channel the owner's preferences list and whose
 * subscription accepts the severity and tags, with an id derived from execution and channel, so handling an event
 * twice creates nothing twice. During a replay a notification that does not exist yet is created as history: outbound
 * ones {@code skipped}, in-app ones already delivered (never pushed). A reset clears only this processor's own view
 * of running executions; the notifications themselves carry their users' reads and deletions, which no event holds,
 * so a replay keeps them (ADR 0009).
 */
@Component
@ProcessingGroup(NotificationRecorder.PROCESSING_GROUP)
@Order(1)
public class NotificationRecorder {

    public static final String PROCESSING_GROUP = "notifications";

    private final NotificationStore notifications;
    private final SubscriptionStore subscriptions;
    private final PreferencesSource preferences;
    private final RunningExecutionLanguages languages;

    NotificationRecorder(NotificationStore notifications, SubscriptionStore subscriptions,
                         PreferencesSource preferences, RunningExecutionLanguages languages) {
        this.notifications = notifications;
        this.subscriptions = subscriptions;
        this.preferences = preferences;
        this.languages = languages;
    }

    @EventHandler
    void on(ExecutionRequested event) {
        languages.started(event.executionId(), event.lang());
    }

    @EventHandler
    void on(ExecutionCompleted event, @Timestamp Instant at, ReplayStatus replay) {
        record(event, at, replay);
    }

    @EventHandler
    void on(ExecutionFailed event, @Timestamp Instant at, ReplayStatus replay) {
        record(event, at, replay);
    }

    @EventHandler
    void on(ExecutionTimedOut event, @Timestamp Instant at, ReplayStatus replay) {
        record(event, at, replay);
    }

    @EventHandler
    void on(ExecutionCancelled event, @Timestamp Instant at, ReplayStatus replay) {
        record(event, at, replay);
    }

    @ResetHandler
    void reset() {
        languages.clear();
    }

    private void record(ExecutionEnded ended, Instant at, ReplayStatus replay) {
        ExecutionOutcomeNotice notice = ExecutionOutcomeNotice.of(ended, languages.of(ended.executionId()));
        NotificationPreferences wanted = preferences.of(ended.ownerId());
        if (notice.wanted(wanted)) {
            Instant createdAt = at.truncatedTo(ChronoUnit.MILLIS);
            wanted.channels().stream().map(NotificationChannel::named).flatMap(Optional::stream)
                    .map(channel -> subscriptions.of(ended.ownerId(), channel).block())
                    .filter(subscription -> subscription.accepts(notice.severity(), notice.tags()))
                    .forEach(subscription -> notifications.insertIfAbsent(
                            notification(notice, subscription.channel(), createdAt, replay.isReplay())));
        }
        languages.ended(ended.executionId());
    }

    private static Notification notification(ExecutionOutcomeNotice notice, NotificationChannel channel,
                                              Instant createdAt, boolean history) {
        NotificationStatus status = !history ? NotificationStatus.PENDING
                : channel.isOutbound() ? NotificationStatus.SKIPPED : NotificationStatus.DELIVERED;
        Instant deliveredAt = history && !channel.isOutbound() ? createdAt : null;
        return new Notification(Notification.idFor(notice.executionId(), channel), notice.ownerId(),
                notice.executionId(), channel, status, notice.subject(), notice.body(), notice.actionUrl(),
                notice.severity(), notice.tags(), createdAt, null, deliveredAt, 0, null, null);
    }
}
