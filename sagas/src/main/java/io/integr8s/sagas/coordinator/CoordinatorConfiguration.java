package io.integr8s.sagas.coordinator;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoordinatorProperties.class)
public class CoordinatorConfiguration {

    @Bean
    JdbcAdmissionQueue admissionQueue(JdbcTemplate jdbcTemplate) {
        JdbcAdmissionQueue queue = new JdbcAdmissionQueue(jdbcTemplate);
        queue.createSchema();
        return queue;
    }

    @Bean
    Coordinator coordinator(AdmissionQueue admissionQueue, CommandGateway commandGateway, CoordinatorProperties properties) {
        return new Coordinator(admissionQueue, commandGateway, properties.effectiveMaxConcurrent());
    }

    @Bean
    CoordinatorMetrics coordinatorMetrics(AdmissionQueue admissionQueue) {
        return new CoordinatorMetrics(admissionQueue, Clock.systemUTC());
    }
}
