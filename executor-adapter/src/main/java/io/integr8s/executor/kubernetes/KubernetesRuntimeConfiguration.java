package io.integr8s.executor.kubernetes;

import io.integr8s.command.runtime.LanguageRuntime;
import io.integr8s.command.runtime.RuntimeRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Kubernetes installation can run: the configured images, on every instance (the API validates requests by
 * it, whatever roles the instance has), one language with all its versions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "integr8s.executor", name = "backend", havingValue = "kubernetes")
@EnableConfigurationProperties(KubernetesExecutorProperties.class)
public class KubernetesRuntimeConfiguration {

    @Bean
    RuntimeRegistry runtimeRegistry(KubernetesExecutorProperties properties) {
        Map<String, List<KubernetesRuntime>> byLang = new LinkedHashMap<>();
        properties.runtimes().forEach(runtime -> byLang.computeIfAbsent(runtime.lang(), lang -> new ArrayList<>())
                .add(runtime));
        return new RuntimeRegistry(byLang.values().stream().map(runtimes -> new LanguageRuntime(runtimes.get(0).lang(),
                runtimes.stream().map(KubernetesRuntime::version).toList(), runtimes.get(0).fileExtension())).toList());
    }
}
