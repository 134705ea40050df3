package io.integr8s.infra.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * PostgreSQL, Kafka, Redis and the Mongo-wire server for one home directory, started in parallel, once per JVM.
 * Spring contexts take a {@link #openLease() lease} while they run; the stack stops at JVM exit, after the last
 * lease is released, so a context restart inside the JVM finds the same running stores.
 */
public final class EmbeddedStack {

    private static final Map<Path, EmbeddedStack> RUNNING = new HashMap<>();

    private final Path home;
    private final EmbeddedStackProperties settings;
    private final HomeLock lock;
    private final RuntimePropertiesFile runtimeFile;
    private final List<EmbeddedService> started = new ArrayList<>();
    private final Map<String, String> connectionProperties = new LinkedHashMap<>();
    private final Object leaseMonitor = new Object();
    private int openLeases;
    private boolean stopped;

    private EmbeddedStack(Path home, EmbeddedStackProperties settings, HomeLock lock) {
        this.home = home;
        this.settings = settings;
        this.lock = lock;
        this.runtimeFile = new RuntimePropertiesFile(home);
    }

    /** The running stack of this home, or a new one started now. {@code home} must be absolute. */
    public static synchronized EmbeddedStack startOrReuse(Path home, EmbeddedStackProperties settings,
                                                          KafkaTopicProperties topic, Log log) {
        EmbeddedStack running = RUNNING.get(home);
        if (running != null) {
            log.info("Embedded stack: reusing the running stack of " + home);
            return running;
        }
        EmbeddedStack stack;
        try {
            Integr8sHome.prepare(home);
            stack = new EmbeddedStack(home, settings, HomeLock.acquire(home));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot use integr8s home " + home + ": " + e.getMessage(), e);
        }
        HomeSecrets secrets = new HomeSecrets(home);
        stack.start(List.of(
                new PostgresService(home, secrets),
                new KafkaBrokerService(home, topic, secrets),
                new RedisService(home, secrets),
                new MongoWireService(home, settings.getMongoBackend(), settings.getMongoCacheMib())), log);
        RUNNING.put(home, stack);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "integr8s-embedded-stop"));
        return stack;
    }

    private void start(List<EmbeddedService> services, Log log) {
        log.info("Embedded stack: starting in home " + home);
        long begin = System.nanoTime();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(services.size(), r -> {
            Thread thread = new Thread(r, "integr8s-embedded-start-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> futures = services.stream()
                    .map(service -> CompletableFuture.runAsync(() -> startOne(service, log), executor))
                    .toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(settings.getStartTimeout().toMillis(), TimeUnit.MILLISECONDS);
            for (EmbeddedService service : services) {
                connectionProperties.putAll(service.connectionProperties());
            }
            runtimeFile.write(connectionProperties);
        } catch (Exception e) {
            stopServices(LogFactory.getLog(EmbeddedStack.class));
            releaseLock();
            throw new IllegalStateException("Embedded stack in " + home + " failed to start: " + rootMessage(e), e);
        } finally {
            executor.shutdownNow();
        }
        log.info(String.format("Embedded stack ready in %.1f s (home %s): %s", seconds(begin), home, withoutSecrets()));
    }

    /** The connection properties for the log: credentials stay in the home. */
    private Map<String, String> withoutSecrets() {
        Map<String, String> shown = new LinkedHashMap<>();
        connectionProperties.forEach((key, value) -> shown.put(key,
                key.endsWith("password") || key.endsWith("jaas.config") ? "<in " + HomeSecrets.DIRECTORY + "/>" : value));
        return shown;
    }

    private void startOne(EmbeddedService service, Log log) {
        long begin = System.nanoTime();
        try {
            service.start();
        } catch (Exception e) {
            throw new IllegalStateException(service.name() + ": " + rootMessage(e), e);
        } finally {
            synchronized (started) {
                started.add(service); // also a half-started one, so that stop() cleans it up
            }
        }
        log.info(String.format("Embedded stack: %s started in %.1f s", service.name(), seconds(begin)));
    }

    public Path home() {
        return home;
    }

    /** Spring properties pointing at the running services (datasource, Kafka, Redis, Mongo). */
    public Map<String, Object> connectionProperties() {
        return Map.copyOf(connectionProperties);
    }

    /** Marks a Spring context as using the stack; run the returned action once the context is closed. */
    public Runnable openLease() {
        synchronized (leaseMonitor) {
            openLeases++;
        }
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.getAndIncrement() == 0) {
                synchronized (leaseMonitor) {
                    openLeases--;
                    leaseMonitor.notifyAll();
                }
            }
        };
    }

    /** Stops every service, after open contexts are closed (bounded wait). Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Log log = LogFactory.getLog(EmbeddedStack.class);
        awaitLeases();
        synchronized (EmbeddedStack.class) {
            RUNNING.remove(home);
        }
        stopServices(log);
        try {
            runtimeFile.delete();
        } catch (java.io.IOException e) {
            log.warn("Could not delete " + RuntimePropertiesFile.FILE_NAME + " in " + home + ": " + e.getMessage());
        }
        releaseLock();
        log.info("Embedded stack in " + home + " stopped");
    }

    private void awaitLeases() {
        long deadline = System.nanoTime() + settings.getStopWaitForContexts().toNanos();
        synchronized (leaseMonitor) {
            while (openLeases > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    leaseMonitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void stopServices(Log log) {
        List<EmbeddedService> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        toStop.parallelStream().forEach(service -> {
            try {
                service.stop();
            } catch (Exception e) {
                log.warn("Embedded stack: stopping " + service.name() + " failed: " + rootMessage(e));
            }
        });
    }

    private void releaseLock() {
        try {
            lock.close();
        } catch (java.io.IOException e) {
            LogFactory.getLog(EmbeddedStack.class).warn("Could not release the lock of " + home + ": " + e.getMessage());
        }
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException
                || cause.getCause() != null && cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "timed out";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
