package io.integr8s.api.auth;

import io.integr8s.api.user.NewUser;
import io.integr8s.api.user.UserAccounts;
import io.integr8s.api.user.UserDirectory;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.ApiValidationException;
import io.integr8s.command.user.api.UserRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Creates the first admin of an installation that has none (a fresh production database),
 * from {@code integr8s.security.bootstrap-admin.*} (put the password in the Secret). Once any admin exists it does
 * nothing, so the setting may stay; instances starting together race harmlessly (the loser finds the name taken).
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final SecurityProperties properties;
    private final UserDirectory directory;
    private final UserAccounts accounts;

    AdminBootstrap(SecurityProperties properties, UserDirectory directory, UserAccounts accounts) {
        this.properties = properties;
        this.directory = directory;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        SecurityProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (admin == null || !admin.isConfigured() || directory.count(null, UserRole.ADMIN) > 0) {
            return;
        }
        if (admin.password() == null || admin.email() == null) {
            throw new IllegalStateException("integr8s.security.bootstrap-admin needs a username, an email and a password "
                    + "(INTEGR8S_SECURITY_BOOTSTRAP_ADMIN_PASSWORD, from a secret); or unset its username");
        }
        try {
            accounts.register(new NewUser(admin.username(), admin.email(), admin.password(), UserRole.ADMIN, true), "system")
                    .block(Duration.ofSeconds(30));
            log.info("Created the first admin '{}' (integr8s.security.bootstrap-admin)", admin.username());
        } catch (ApiValidationException e) {
            throw new IllegalStateException("integr8s.security.bootstrap-admin." + e.parameter() + " is not acceptable: "
                    + e.getMessage(), e);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw new IllegalStateException("Cannot create the first admin from integr8s.security.bootstrap-admin: "
                        + e.getMessage(), e);
            }
            log.info("The first admin '{}' was created by another instance", admin.username());
        }
    }
}
