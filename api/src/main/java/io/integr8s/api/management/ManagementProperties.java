package io.integr8s.api.management;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the actuator's metrics and health details (ADR 0013).
 *
 * @param scrapeToken a secret a scraper sends as {@code Authorization: Bearer <token>} to read {@code /actuator/**}
 *                    without an admin session; empty (the default) = no token access
 */
@ConfigurationProperties(prefix = "integr8s.management")
public record ManagementProperties(@DefaultValue("") String scrapeToken) {
}
