package io.integr8s.api.notification;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The delivery pool: {@code threads} threads run the posts, never the notifications processor's thread nor an event
 * loop. Posts are grouped per receiver host: at most {@code per-receiver} of one host run at once and the rest wait
 * in that host's queue in arrival order, so an unresponsive receiver holds a few threads, not the pool. A post that
 * finds its host's queue ({@code per-receiver-queue}) or all queues ({@code queue-capacity}) full is refused, never
 * dropped: the caller fails a notification into the dead-letter queue, or holds a digest again.
 */
@Component
class ReceiverLanes {

    private static final Logger log = LoggerFactory.getLogger(ReceiverLanes.class);

    private final NotificationProperties.Delivery limits;
    private final ExecutorService threads;
    private final Map<String, Lane> lanes = new HashMap<>();
    private int waiting;

    private static final class Lane {
        private final Queue<Runnable> waiting = new ArrayDeque<>();
        private int running;
    }

    ReceiverLanes(NotificationProperties properties) {
        this.limits = properties.delivery();
        AtomicInteger count = new AtomicInteger();
        // an unbounded queue of the executor is bounded here: a task reaches it only with a free place of its lane
        this.threads = Executors.newFixedThreadPool(limits.threads(),
                task -> new Thread(task, "notification-post-" + count.incrementAndGet()));
    }

    /**
     * Runs the post to this receiver URL on the pool (now or after the earlier ones to its host); false when refused
     * because the queues are full.
     */
    synchronized boolean offer(String receiverUrl, Runnable post) {
        Lane lane = lanes.computeIfAbsent(host(receiverUrl), host -> new Lane());
        if (lane.running < limits.perReceiver()) {
            lane.running++;
            threads.execute(() -> run(lane, post));
            return true;
        }
        if (lane.waiting.size() >= limits.perReceiverQueue() || waiting >= limits.queueCapacity()) {
            return false;
        }
        lane.waiting.add(post);
        waiting++;
        return true;
    }

    private void run(Lane lane, Runnable post) {
        try {
            post.run();
        } catch (RuntimeException e) {
            log.error("A notification post failed unexpectedly", e);
        } finally {
            next(lane);
        }
    }

    private synchronized void next(Lane lane) {
        Runnable post = lane.waiting.poll();
        if (post != null) {
            waiting--;
            threads.execute(() -> run(lane, post));
        } else if (--lane.running == 0) {
            lanes.values().remove(lane);
        }
    }

    /** The lane of a URL: its host (an unparsable URL gets a lane of its own and is refused when posted). */
    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return (host == null ? url : host).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    @PreDestroy
    void stop() {
        // posts not run stay claimed; NotificationDigests hands them to a digest once their claim is stale
        threads.shutdownNow();
    }
}
