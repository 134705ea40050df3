package io.integr8s.api.auth;

import io.integr8s.api.user.NewUser;
import io.integr8s.api.user.UserAccounts;
import io.integr8s.api.user.UserDirectory;
import io.integr8s.command.user.api.UserRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * The demo accounts {@code user/user123} and {@code admin/admin123}, created at start only when asked for
 * ({@code INTEGR8S_DEMO_USERS=true}), on the embedded stack, never under a production profile. Their passwords are
 * public: for trying the system on a workstation, nothing else.
 */
@Component
@Order(1)
@ConditionalOnProperty(prefix = "integr8s.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(name = "integr8s.demo-users", havingValue = "true")
class DemoUsers implements ApplicationRunner {

    static final List<NewUser> ACCOUNTS = List.of(
            new NewUser("user", "user@example.com", "user123", UserRole.USER, true),
            new NewUser("admin", "admin@example.com", "admin123", UserRole.ADMIN, true));

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    /** Whether this is a demo account's public password (usernames compare as sign-in does, ignoring case). */
    static boolean isDemoPassword(String username, String password) {
        return ACCOUNTS.stream().anyMatch(demo -> demo.username().equalsIgnoreCase(username) && demo.password().equals(password));
    }

    private final ProductionProfile production;
    private final UserDirectory directory;
    private final UserAccounts accounts;

    DemoUsers(ProductionProfile production, UserDirectory directory, UserAccounts accounts) {
        this.production = production;
        this.directory = directory;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (production.isActive()) {
            log.warn("integr8s.demo-users is ignored under a production profile: no demo accounts are created");
            return;
        }
        for (NewUser demo : ACCOUNTS) {
            if (directory.byUsername(demo.username()).isEmpty()) {
                accounts.seed(demo).block(Duration.ofSeconds(30));
                log.info("Created demo user '{}' ({}) with its public password (integr8s.demo-users=true)",
                        demo.username(), demo.role().wireName());
            }
        }
    }
}
