package io.integr8s.api.auth;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import java.util.List;

/** Whether this instance runs under a production profile ({@code integr8s.security.production-profiles}). */
@Component
public class ProductionProfile {

    private final List<String> names;
    private final boolean active;

    public ProductionProfile(SecurityProperties properties, Environment environment) {
        this.names = properties.productionProfiles();
        this.active = environment.acceptsProfiles(Profiles.of(names.toArray(String[]::new)));
    }

    public boolean isActive() {
        return active;
    }

    /** Which profiles count as production, for messages. */
    public List<String> names() {
        return names;
    }
}
