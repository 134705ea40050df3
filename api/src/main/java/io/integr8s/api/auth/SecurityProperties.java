package io.integr8s.api.auth;

import io.integr8s.command.user.api.UserRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Sessions, cookies and the sign-in policy.
 *
 * @param jwtSecret          signs session tokens and CSRF tokens; at least 32 bytes. The built-in development value is
 *                           refused at start under any of {@code productionProfiles}
 * @param secureCookies      {@code auto}: cookies are {@code Secure} when the request came over HTTPS
 * @param productionProfiles Spring profiles that count as production
 * @param seedUsers          accounts created at start on the embedded (local) stack only, never in production
 * @param policy             sign-in policy until an admin changes the system settings
 */
@ConfigurationProperties(prefix = "integr8s.security")
public record SecurityProperties(@DefaultValue(DEVELOPMENT_SECRET) String jwtSecret,
                                 @DefaultValue("auto") SecureCookies secureCookies,
                                 @DefaultValue({"prod", "production"}) List<String> productionProfiles,
                                 List<SeedUser> seedUsers,
                                 @DefaultValue Policy policy) {

    public static final String DEVELOPMENT_SECRET = "integr8s-development-only-secret-never-use-in-production";

    public SecurityProperties {
        seedUsers = seedUsers == null ? List.of() : List.copyOf(seedUsers);
    }

    public enum SecureCookies { AUTO, ALWAYS, NEVER }

    public record SeedUser(String username, String password, String email, @DefaultValue("user") UserRole role) {
    }

    public record Policy(@DefaultValue("8") int passwordMinLength,
                         @DefaultValue("60m") Duration sessionTimeout,
                         @DefaultValue("5") int maxLoginAttempts,
                         @DefaultValue("15m") Duration lockoutDuration) {

        public AuthPolicy asAuthPolicy() {
            return new AuthPolicy(passwordMinLength, sessionTimeout, maxLoginAttempts, lockoutDuration);
        }
    }
}
