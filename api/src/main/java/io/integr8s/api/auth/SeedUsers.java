package io.integr8s.api.auth;

import io.integr8s.api.user.NewUser;
import io.integr8s.api.user.UserAccounts;
import io.integr8s.api.user.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Creates the configured seed accounts on the embedded (local) stack, once; never under a production profile.
 * Their passwords are public defaults: change them, or do not use the embedded stack beyond a workstation.
 */
@Component
@ConditionalOnProperty(prefix = "integr8s.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
class SeedUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedUsers.class);

    private final SecurityProperties properties;
    private final ProductionProfile production;
    private final UserDirectory directory;
    private final UserAccounts accounts;

    SeedUsers(SecurityProperties properties, ProductionProfile production, UserDirectory directory, UserAccounts accounts) {
        this.properties = properties;
        this.production = production;
        this.directory = directory;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (production.isActive()) {
            log.info("Production profile: no seed users are created");
            return;
        }
        for (SecurityProperties.SeedUser seed : properties.seedUsers()) {
            if (directory.byUsername(seed.username()).isEmpty()) {
                accounts.seed(new NewUser(seed.username(), seed.email(), seed.password(), seed.role(), true))
                        .block(Duration.ofSeconds(30));
                log.info("Created seed user '{}' ({}) with its default password", seed.username(), seed.role().wireName());
            }
        }
    }
}
