package io.integr8s.api.auth;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/** Refuses to start a production profile with the development JWT secret or a secret too short for HMAC-SHA256. */
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
        if (properties.jwtSecret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("integr8s.security.jwt-secret is shorter than " + MIN_SECRET_BYTES
                    + " bytes; set INTEGR8S_SECURITY_JWT_SECRET to a random value of at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (production.isActive() && SecurityProperties.DEVELOPMENT_SECRET.equals(properties.jwtSecret())) {
            throw new IllegalStateException("Refusing to start: profile " + production.names()
                    + " is production but integr8s.security.jwt-secret is the built-in development value; set "
                    + "INTEGR8S_SECURITY_JWT_SECRET to a random value of at least " + MIN_SECRET_BYTES + " bytes "
                    + "(e.g. `openssl rand -base64 48`)");
        }
    }
}
