package io.integr8s.api.auth;

import io.integr8s.infra.embedded.HomeSecrets;
import io.integr8s.infra.embedded.Integr8sHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The key that signs session and CSRF tokens: {@code integr8s.security.jwt-secret} when set, otherwise a random
 * 256-bit value generated at first start into {@code <integr8s.home>/secrets/jwt-secret} (0600) and reused by later
 * starts. Instances that serve the same users need the same key: configure it, or give them the same file.
 */
@Component
class SessionSecret {

    static final String SECRET_NAME = "jwt-secret";

    private static final Logger log = LoggerFactory.getLogger(SessionSecret.class);

    private final byte[] key;

    /** The guard runs first: a production profile without its own secret stops here, before any file is written. */
    SessionSecret(SecurityProperties properties, ProductionSecretGuard guard, Environment environment) {
        String secret = properties.jwtSecret();
        if (secret == null) {
            HomeSecrets secrets = new HomeSecrets(Integr8sHome.resolve(Binder.get(environment)));
            Path file = secrets.file(SECRET_NAME);
            try {
                secret = secrets.get(SECRET_NAME);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot keep the session key in " + file + ": " + e.getMessage(), e);
            }
            guard.requireLongEnough(secret, file.toString());
            log.info("Sessions are signed with the generated key in {} (set integr8s.security.jwt-secret to use your own)",
                    file);
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    byte[] key() {
        return key.clone();
    }
}
