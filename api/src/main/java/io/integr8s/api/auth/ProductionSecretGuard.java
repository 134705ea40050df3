package io.integr8s.api.auth;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Checks a configured JWT secret at start: never the development value that older versions shipped (it is public),
 * never shorter than HMAC-SHA256 needs; and a production profile must configure one (elsewhere one is generated).
 */
@Component
class ProductionSecretGuard implements InitializingBean {

    static final int MIN_SECRET_BYTES = 32;

    private final SecurityProperties properties;
    private final ProductionProfile production;

    ProductionSecretGuard(SecurityProperties properties, ProductionProfile production) {
        this.properties = properties;
        this.production = production;
    }

    @Override
    public void afterPropertiesSet() {
        String secret = properties.jwtSecret();
        if (secret == null) {
            if (production.isActive()) {
                throw new IllegalStateException("Refusing to start: profile " + production.names() + " is production but "
                        + "integr8s.security.jwt-secret is not set; set INTEGR8S_SECURITY_JWT_SECRET to a random value of "
                        + "at least " + MIN_SECRET_BYTES + " bytes (e.g. `openssl rand -base64 48`)");
            }
            return;
        }
        if (SecurityProperties.DEVELOPMENT_SECRET.equals(secret)) {
            throw new IllegalStateException("Refusing to start: integr8s.security.jwt-secret is the development value "
                    + "older versions shipped, which anyone can read; unset it (a key is generated into the home) or set "
                    + "INTEGR8S_SECURITY_JWT_SECRET to a random value of at least " + MIN_SECRET_BYTES + " bytes "
                    + "(e.g. `openssl rand -base64 48`)");
        }
        requireLongEnough(secret, "integr8s.security.jwt-secret");
    }

    void requireLongEnough(String secret, String source) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(source + " is shorter than " + MIN_SECRET_BYTES + " bytes; set "
                    + "INTEGR8S_SECURITY_JWT_SECRET to a random value of at least " + MIN_SECRET_BYTES + " bytes");
        }
    }
}
