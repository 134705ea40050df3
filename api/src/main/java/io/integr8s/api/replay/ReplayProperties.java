package io.integr8s.api.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code integr8s.replay}: how replay sessions are run.
 *
 * @param workers             sessions one instance replays at once
 * @param pollInterval        how often each idle worker looks for a running session nobody works on
 * @param claimTimeout        a session whose worker has not recorded progress for this long is taken over (its
 *                            instance died); the batch it was in is published again (at least once)
 * @param maxEventDelay       the longest pause between two replayed events when the original gap is re-enacted
 * @param statusInterval      how often the status stream looks for progress
 * @param maxEventsPerRequest the most events one {@code POST /admin/events/replay} may replay
 * @param previewSize         how many events a dry run lists
 * @param sendTimeout         how long one event may wait for Kafka's acknowledgement
 */
@ConfigurationProperties(prefix = "integr8s.replay")
public record ReplayProperties(int workers, Duration pollInterval, Duration claimTimeout, Duration maxEventDelay,
                               Duration statusInterval, int maxEventsPerRequest, int previewSize,
                               Duration sendTimeout) {

    public ReplayProperties {
        if (pollInterval == null || claimTimeout == null || maxEventDelay == null || statusInterval == null
                || sendTimeout == null || workers < 1 || maxEventsPerRequest < 1 || previewSize < 0) {
            throw new IllegalArgumentException("integr8s.replay needs poll-interval, claim-timeout, max-event-delay, "
                    + "status-interval and send-timeout (durations such as 1s), workers >= 1, max-events-per-request >= 1 and "
                    + "preview-size >= 0; see application.yml");
        }
    }
}
