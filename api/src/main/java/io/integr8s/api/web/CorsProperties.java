package io.integr8s.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Which other origins (a UI served elsewhere) may call the API from a browser, with its cookies.
 *
 * @param allowedOrigins   exact origins such as {@code https://ui.example.org}; empty = same-origin only
 * @param allowedMethods   methods a cross-origin request may use
 * @param allowedHeaders   request headers it may send ({@code X-CSRF-Token} for unsafe methods)
 * @param exposedHeaders   response headers its scripts may read (the rate-limit headers)
 * @param allowCredentials whether cookies are sent along; never together with the wildcard origin
 * @param maxAge           how long a browser may cache a preflight answer
 */
@ConfigurationProperties(prefix = "integr8s.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins,
                             @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) List<String> allowedMethods,
                             @DefaultValue({"Content-Type", "X-CSRF-Token", "Authorization", "Idempotency-Key", "Last-Event-ID"})
                             List<String> allowedHeaders,
                             @DefaultValue({"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"})
                             List<String> exposedHeaders,
                             @DefaultValue("true") boolean allowCredentials,
                             @DefaultValue("1h") Duration maxAge) {

    public CorsProperties {
        if (allowCredentials && allowedOrigins.contains("*")) {
            throw new IllegalArgumentException("integr8s.cors.allowed-origins contains '*' while "
                    + "integr8s.cors.allow-credentials is true: any web site could then act with a visitor's session. "
                    + "List the exact origins of your UI (e.g. https://ui.example.org) instead");
        }
    }
}
