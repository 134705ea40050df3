package io.integr8s.api.auth;

import io.integr8s.api.user.NewUser;
import io.integr8s.api.user.UserAccounts;
import io.integr8s.api.user.UserDirectory;
import io.integr8s.api.web.ApiException;
import io.integr8s.command.user.api.UserRole;
import io.integr8s.infra.embedded.Integr8sHome;
import io.integr8s.infra.embedded.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The first admin of an embedded installation that has none and no demo accounts: {@code admin} with a generated
 * password, kept in {@code <integr8s.home>/initial-admin-password} (0600) and shown once in the start banner. Runs
 * after {@link AdminBootstrap}, so a configured first admin wins; never under a production profile.
 */
@Component
@Order(2)
@ConditionalOnProperty(prefix = "integr8s.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(name = "integr8s.demo-users", havingValue = "false", matchIfMissing = true)
class InitialAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final ProductionProfile production;
    private final UserDirectory directory;
    private final UserAccounts accounts;
    private final Path passwordFile;
    private String createdWithPassword;

    InitialAdmin(ProductionProfile production, UserDirectory directory, UserAccounts accounts, Environment environment) {
        this.production = production;
        this.directory = directory;
        this.accounts = accounts;
        this.passwordFile = Integr8sHome.resolve(Binder.get(environment)).resolve(PASSWORD_FILE);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (production.isActive() || directory.count(null, UserRole.ADMIN) > 0) {
            return;
        }
        // the file first: an admin is never created with a password nobody can read
        String password;
        try {
            password = PrivateFiles.readOrCreate(passwordFile, InitialAdmin::generate);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the first admin's password in " + passwordFile + ": "
                    + e.getMessage(), e);
        }
        try {
            accounts.register(new NewUser(USERNAME, "admin@example.com", password, UserRole.ADMIN, true), "system")
                    .block(Duration.ofSeconds(30));
            createdWithPassword = password;
            log.info("Created the first admin '{}'; its password is in {}", USERNAME, passwordFile);
        } catch (ApiException e) {
            log.warn("Could not create the first admin '{}' ({}); create one with integr8s.security.bootstrap-admin.*",
                    USERNAME, e.getMessage());
        }
    }

    /** The password this start created the admin with (for the banner, once); empty on every other start. */
    Optional<String> createdWithPassword() {
        return Optional.ofNullable(createdWithPassword);
    }

    Path passwordFile() {
        return passwordFile;
    }

    private static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
