package io.integr8s.api.auth;

import io.integr8s.command.user.api.UserRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Sessions, cookies and the sign-in policy.
 *
 * @param jwtSecret          signs session tokens and CSRF tokens; at least 32 bytes. The built-in development value is
 *                           refused at start under any of {@code productionProfiles}
 * @param secureCookies      {@code auto}: cookies are {@code Secure} when the request came over HTTPS
 * @param productionProfiles Spring profiles that count as production
 * @param seedUsers          accounts created at start on the embedded (local) stack only, never in production
 * @param bootstrapAdmin     the first admin of an installation without one (production included); its password
 *                           comes from a secret and must meet the password policy
 */
@ConfigurationProperties(prefix = "integr8s.security")
public record SecurityProperties(@DefaultValue(DEVELOPMENT_SECRET) String jwtSecret,
                                 @DefaultValue("auto") SecureCookies secureCookies,
                                 @DefaultValue({"prod", "production"}) List<String> productionProfiles,
                                 List<SeedUser> seedUsers,
                                 BootstrapAdmin bootstrapAdmin) {

    public static final String DEVELOPMENT_SECRET = "integr8s-development-only-secret-never-use-in-production";

    public SecurityProperties {
        seedUsers = seedUsers == null ? List.of() : List.copyOf(seedUsers);
    }

    public enum SecureCookies { AUTO, ALWAYS, NEVER }

    public record SeedUser(String username, String password, String email, @DefaultValue("user") UserRole role) {
    }

    /** Unset username = no bootstrap. */
    public record BootstrapAdmin(String username, String password, String email) {

        boolean isConfigured() {
            return username != null && !username.isBlank();
        }
    }
}
