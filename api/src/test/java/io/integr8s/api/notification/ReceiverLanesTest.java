package io.integr8s.api.notification;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery pool: a stuck receiver holds only its own lane; full queues refuse instead of dropping. */
class ReceiverLanesTest {

    private final ReceiverLanes lanes = new ReceiverLanes(new NotificationProperties(null, null,
            new NotificationProperties.Delivery(3, 1, 2, 3), null, null, null));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        lanes.stop();
    }

    private Runnable stuck() {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void aStuckReceiverHoldsItsOwnLaneOnlyAndItsQueueIsBounded() throws InterruptedException {
        assertThat(lanes.offer("https://slow.example/a", stuck())).isTrue();
        assertThat(lanes.offer("https://slow.example:8443/b", stuck())).as("waits behind the first").isTrue();
        assertThat(lanes.offer("https://SLOW.example/c", stuck())).as("same host").isTrue();
        assertThat(lanes.offer("https://slow.example/d", stuck())).as("its queue of 2 is full").isFalse();

        CountDownLatch other = new CountDownLatch(1);
        assertThat(lanes.offer("https://fast.example/", other::countDown)).isTrue();
        assertThat(other.await(2, TimeUnit.SECONDS)).as("another receiver is posted to meanwhile").isTrue();
    }

    @Test
    void theQueuesOfAllReceiversAreBoundedTogetherAndAFinishedPostStartsTheNextOfItsLane()
            throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        for (String url : List.of("https://a.example/", "https://b.example/")) {
            assertThat(lanes.offer(url, stuck())).isTrue();
        }
        for (String url : List.of("https://a.example/1", "https://a.example/2", "https://b.example/")) {
            assertThat(lanes.offer(url, () -> {
                ran.add(url);
                done.countDown();
            })).isTrue();
        }
        assertThat(lanes.offer("https://b.example/", () -> ran.add("refused"))).as("3 wait in all: full").isFalse();
        assertThat(ran).isEmpty();

        release.countDown();
        assertThat(lanes.offer("https://c.example/", done::countDown)).isTrue();
        assertThat(done.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactlyInAnyOrder("https://a.example/1", "https://a.example/2", "https://b.example/");
    }
}
