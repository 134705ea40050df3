package io.integr8s.command.system.api;

/** The contract's log levels (wire names as declared). */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR, CRITICAL
}
