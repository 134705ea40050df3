package io.integr8s.sagas.execution;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecutionSagaProperties.class)
public class ExecutionSagaConfiguration {
}
