package io.integr8s.executor.runtime;

import io.integr8s.command.runtime.RuntimeRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The runtimes installed on this machine, which the local backend runs (the Kubernetes one runs images instead). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "integr8s.executor", name = "backend", havingValue = "local", matchIfMissing = true)
@EnableConfigurationProperties(RuntimeProperties.class)
public class RuntimeConfiguration {

    @Bean
    InstalledRuntimes installedRuntimes(RuntimeProperties properties) {
        return new InstalledRuntimes(properties);
    }

    /** What this installation can run: the API lists it and the {@code Execution} aggregate validates requests by it. */
    @Bean
    RuntimeRegistry runtimeRegistry(InstalledRuntimes installed) {
        return installed.registry();
    }
}
