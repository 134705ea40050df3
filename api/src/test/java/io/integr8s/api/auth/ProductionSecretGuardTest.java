package io.integr8s.api.auth;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionSecretGuardTest {

    private static SecurityProperties withSecret(String secret) {
        return new SecurityProperties(secret, SecurityProperties.SecureCookies.AUTO, List.of("prod", "production"), List.of(),
                null);
    }

    private static ProductionSecretGuard guard(String secret, MockEnvironment environment) {
        SecurityProperties properties = withSecret(secret);
        return new ProductionSecretGuard(properties, new ProductionProfile(properties, environment));
    }

    private static MockEnvironment profiles(String... active) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(active);
        return environment;
    }

    @Test
    void productionRefusesTheDevelopmentSecret() {
        assertThatThrownBy(() -> guard(SecurityProperties.DEVELOPMENT_SECRET, profiles("production")).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("INTEGR8S_SECURITY_JWT_SECRET");
    }

    @Test
    void productionStartsWithItsOwnSecret() {
        assertThatCode(() -> guard("a-real-secret-of-more-than-32-bytes-1234", profiles("prod")).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void theLocalRunMayUseTheDevelopmentSecret() {
        assertThatCode(() -> guard(SecurityProperties.DEVELOPMENT_SECRET, profiles()).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void aShortSecretIsRefusedEverywhere() {
        assertThatThrownBy(() -> guard("short", profiles()).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
