package io.integr8s.api.system;

import io.integr8s.command.system.api.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sets the level of the {@code io.integr8s} loggers of this instance to the settings' {@code log_level}, re-read
 * every {@code integr8s.system-settings.log-level-refresh}: a change reaches every instance within that time.
 */
@Component
public class LogLevelFollower implements SmartLifecycle {

    private static final String LOGGER = "io.integr8s";
    private static final Logger log = LoggerFactory.getLogger(LogLevelFollower.class);

    private final CurrentSystemSettings settings;
    private final LoggingSystem logging;
    private final SystemSettingsProperties properties;
    private ScheduledExecutorService timer;
    private LogLevel applied;
    private boolean failing;

    public LogLevelFollower(CurrentSystemSettings settings, LoggingSystem logging, SystemSettingsProperties properties) {
        this.settings = settings;
        this.logging = logging;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "log-level-follower");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.logLevelRefresh().toMillis();
        timer.scheduleWithFixedDelay(this::follow, 0, every, TimeUnit.MILLISECONDS);
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

    private void follow() {
        try {
            LogLevel wanted = settings.current().logLevel();
            failing = false;
            if (wanted != applied) {
                log.info("Loggers {} log at {} from now on (system settings' log_level)", LOGGER, wanted);
                logging.setLogLevel(LOGGER, springLevel(wanted));
                applied = wanted;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Cannot read the system settings to follow their log_level ({}); retrying every {}",
                        e.getMessage(), properties.logLevelRefresh());
                failing = true;
            }
        }
    }

    /** Logback knows no CRITICAL: it logs only errors then, as for ERROR. */
    private static org.springframework.boot.logging.LogLevel springLevel(LogLevel level) {
        return switch (level) {
            case DEBUG -> org.springframework.boot.logging.LogLevel.DEBUG;
            case INFO -> org.springframework.boot.logging.LogLevel.INFO;
            case WARNING -> org.springframework.boot.logging.LogLevel.WARN;
            case ERROR, CRITICAL -> org.springframework.boot.logging.LogLevel.ERROR;
        };
    }
}
