package io.integr8s.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Sessions, cookies and the sign-in policy.
 *
 * @param jwtSecret          signs session tokens and CSRF tokens; at least 32 bytes. Unset: a random key generated
 *                           into the home ({@link SessionSecret}), which production profiles refuse
 * @param secureCookies      {@code auto}: cookies are {@code Secure} when the request came over HTTPS
 * @param productionProfiles Spring profiles that count as production
 * @param bootstrapAdmin     the first admin of an installation without one (production included); its password
 *                           comes from a secret and must meet the password policy
 */
@ConfigurationProperties(prefix = "integr8s.security")
public record SecurityProperties(String jwtSecret,
                                 @DefaultValue("auto") SecureCookies secureCookies,
                                 @DefaultValue({"prod", "production"}) List<String> productionProfiles,
                                 BootstrapAdmin bootstrapAdmin) {

    /** The public value older versions signed with when none was configured: refused everywhere. */
    public static final String DEVELOPMENT_SECRET = "integr8s-development-only-secret-never-use-in-production";

    public enum SecureCookies { AUTO, ALWAYS, NEVER }

    /** Unset username = no bootstrap. */
    public record BootstrapAdmin(String username, String password, String email) {

        boolean isConfigured() {
            return username != null && !username.isBlank();
        }
    }
}
