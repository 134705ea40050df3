package io.integr8s.api.management;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.WebFilter;

/**
 * Who may read the actuator (ADR 0013): the probes ({@code /actuator/health} with its status only, its liveness and
 * readiness groups) are anonymous; metrics, health details and every other actuator endpoint need an admin session
 * or the scrape token ({@link ScrapeTokenFilter}). {@code management.endpoint.health.roles} lists the same roles.
 */
@Component
public class ManagementAccess {

    static final String ACTUATOR = "/actuator";
    static final String SCRAPER_ROLE = "METRICS_SCRAPER";
    private static final String[] PROBES = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"};

    private final ScrapeTokenFilter scrapeToken;

    ManagementAccess(ManagementProperties properties) {
        this.scrapeToken = new ScrapeTokenFilter(properties.scrapeToken());
    }

    /** Goes into the security chain before the session filter. */
    public WebFilter scrapeTokenFilter() {
        return scrapeToken;
    }

    /** Adds the actuator's rules; call it before any rule that could match {@code /actuator/**}. */
    public ServerHttpSecurity.AuthorizeExchangeSpec authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        return exchanges
                .pathMatchers(PROBES).permitAll()
                .pathMatchers(ACTUATOR, ACTUATOR + "/**").hasAnyRole("ADMIN", SCRAPER_ROLE);
    }
}
