package io.integr8s.api.auth;

import java.time.Duration;

/** The sign-in rules in force right now. */
public record AuthPolicy(int passwordMinLength, Duration sessionTimeout, int maxLoginAttempts, Duration lockoutDuration) {
}
