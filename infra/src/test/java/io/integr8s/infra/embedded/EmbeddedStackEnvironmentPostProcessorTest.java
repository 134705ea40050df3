package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedStackEnvironmentPostProcessorTest {

    @Test
    void withTheStackDisabledNothingStartsAndOnlyDefaultsAreAdded() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("app", Map.of(
                "integr8s.embedded.enabled", "false",
                "spring.datasource.url", "jdbc:postgresql://db.example:5432/integr8s",
                "axon.kafka.publisher.confirmation-mode", "none")));

        new EmbeddedStackEnvironmentPostProcessor(new DeferredLogs())
                .postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(EmbeddedStackEnvironmentPostProcessor.STACK_PROPERTY_SOURCE)).isFalse();
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/integr8s");
        assertThat(environment.getProperty("axon.kafka.publisher.confirmation-mode")).isEqualTo("none");
        assertThat(environment.getProperty("axon.kafka.default-topic")).isEqualTo("integr8s.events");
        assertThat(environment.getProperty("db-scheduler.polling-interval")).isEqualTo("1s");
        assertThat(System.getProperty("axoniq.update-checker.disabled")).isEqualTo("true");
    }
}
