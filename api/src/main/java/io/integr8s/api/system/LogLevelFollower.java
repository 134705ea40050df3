package io.integr8s.api.system;

import io.integr8s.api.lifecycle.PeriodicTask;
import io.integr8s.command.system.api.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;


/**
 * Sets the level of the {@code io.integr8s} loggers of this instance to the settings' {@code log_level}, re-read
 * every {@code integr8s.system-settings.log-level-refresh}: a change reaches every instance within that time.
 */
@Component
public class LogLevelFollower extends PeriodicTask {

    private static final String LOGGER = "io.integr8s";
    private static final Logger log = LoggerFactory.getLogger(LogLevelFollower.class);

    private final CurrentSystemSettings settings;
    private final LoggingSystem logging;
    private final SystemSettingsProperties properties;
    private LogLevel applied;
    private boolean failing;

    public LogLevelFollower(CurrentSystemSettings settings, LoggingSystem logging, SystemSettingsProperties properties) {
        super("log-level-follower", properties.logLevelRefresh());
        this.settings = settings;
        this.logging = logging;
        this.properties = properties;
    }

    @Override
    protected void runOnce() {
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
