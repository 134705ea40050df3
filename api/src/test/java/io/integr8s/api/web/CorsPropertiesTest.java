package io.integr8s.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CorsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CorsProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void theWildcardOriginWithCredentialsStopsTheStartWithAClearMessage() {
        context.withPropertyValues("integr8s.cors.allowed-origins=*").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("integr8s.cors.allowed-origins contains '*'")
                    .hasMessageContaining("List the exact origins");
        });
    }

    @Test
    void byDefaultOnlyTheSameOriginIsAllowedAndCredentialsAreOn() {
        context.run(started -> {
            CorsProperties cors = started.getBean(CorsProperties.class);
            assertThat(cors.allowedOrigins()).isEmpty();
            assertThat(cors.allowCredentials()).isTrue();
            assertThat(cors.allowedHeaders()).contains("X-CSRF-Token");
            assertThat(cors.exposedHeaders()).contains("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
        });
    }

    @Test
    void theWildcardWithoutCredentialsIsAccepted() {
        context.withPropertyValues("integr8s.cors.allowed-origins=*", "integr8s.cors.allow-credentials=false")
                .run(started -> assertThat(started).hasNotFailed());
    }
}
