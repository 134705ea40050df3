package io.integr8s.executor.runtime;

import io.integr8s.command.runtime.RuntimeRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
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
