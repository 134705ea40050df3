package io.integr8s.api.lifecycle;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link #runOnce()} on {@code runners} daemon threads of its own (one unless said otherwise) from the context's
 * start, each again {@code interval} after its previous run ended, until the context stops (the threads are
 * interrupted). {@link #runOnce()} must not throw: a run that throws ends that thread's repeats.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final String threadName;
    private final Duration interval;
    private final int runners;
    private ScheduledExecutorService timer;

    protected PeriodicTask(String threadName, Duration interval) {
        this(threadName, interval, 1);
    }

    protected PeriodicTask(String threadName, Duration interval, int runners) {
        this.threadName = threadName;
        this.interval = interval;
        this.runners = runners;
    }

    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        timer = Executors.newScheduledThreadPool(runners, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        for (int runner = 0; runner < runners; runner++) {
            timer.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
