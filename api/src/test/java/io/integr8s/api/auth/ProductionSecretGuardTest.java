package io.integr8s.api.auth;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionSecretGuardTest {

    static SecurityProperties withSecret(String secret) {
        return new SecurityProperties(secret, SecurityProperties.SecureCookies.AUTO, List.of("prod", "production"), null);
    }

    static ProductionSecretGuard guard(String secret, MockEnvironment environment) {
        SecurityProperties properties = withSecret(secret);
        return new ProductionSecretGuard(properties, new ProductionProfile(properties, environment));
    }

    static MockEnvironment profiles(String... active) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(active);
        return environment;
    }

    @Test
    void productionRefusesToStartWithoutItsOwnSecret() {
        assertThatThrownBy(() -> guard(null, profiles("production")).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("INTEGR8S_SECURITY_JWT_SECRET");
    }

    @Test
    void productionStartsWithItsOwnSecret() {
        assertThatCode(() -> guard("a-real-secret-of-more-than-32-bytes-1234", profiles("prod")).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void theLocalRunStartsWithoutASecretSinceOneIsGenerated() {
        assertThatCode(() -> guard(null, profiles()).afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void theOldPublicDevelopmentSecretIsRefusedEverywhere() {
        for (MockEnvironment environment : List.of(profiles(), profiles("production"))) {
            assertThatThrownBy(() -> guard(SecurityProperties.DEVELOPMENT_SECRET, environment).afterPropertiesSet())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("anyone can read");
        }
    }

    @Test
    void aShortSecretIsRefusedEverywhere() {
        assertThatThrownBy(() -> guard("short", profiles()).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
