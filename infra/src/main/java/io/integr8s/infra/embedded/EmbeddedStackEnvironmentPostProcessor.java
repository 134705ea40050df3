package io.integr8s.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Runs before the context is created: loads infra's default properties (lowest precedence), switches off Axon's
 * update checker, and, unless {@code integr8s.embedded.enabled=false}, starts (or reuses) the embedded stack of
 * {@code integr8s.home} and puts its connection settings in front of every other property source.
 */
public class EmbeddedStackEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS_RESOURCE = "integr8s-infra-defaults.yml";
    static final String STACK_PROPERTY_SOURCE = "integr8s-embedded-stack";
    private static final String LEASE_BEAN = "integr8sEmbeddedStackLease";

    private static final Set<EmbeddedStack> STOP_HANDLER_REGISTERED = Collections.newSetFromMap(new IdentityHashMap<>());

    static {
        // Axon 4.13 phones home at start; the network here has no route out, and we don't want it anywhere.
        System.getProperties().putIfAbsent("axoniq.update-checker.disabled", "true");
        System.getProperties().putIfAbsent("disable-axoniq-console-message", "true");
    }

    private final Log log;

    public EmbeddedStackEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedStackEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        // after application.yml and friends are loaded, so integr8s.embedded.* from there counts
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        addDefaults(environment);
        Binder binder = Binder.get(environment);
        EmbeddedStackProperties settings = binder.bind("integr8s.embedded", EmbeddedStackProperties.class)
                .orElseGet(EmbeddedStackProperties::new);
        if (!settings.isEnabled()) {
            log.info("Embedded stack disabled (integr8s.embedded.enabled=false): using the configured servers");
            return;
        }
        Path home = Integr8sHome.resolve(binder);
        KafkaTopicProperties topic = binder.bind("integr8s.kafka", KafkaTopicProperties.class)
                .orElseGet(KafkaTopicProperties::new);
        EmbeddedStack stack = EmbeddedStack.startOrReuse(home, settings, topic, log);
        environment.getPropertySources().addFirst(new MapPropertySource(STACK_PROPERTY_SOURCE, stack.connectionProperties()));
        registerStopAfterContexts(stack);
        holdLeaseWhileContextRuns(stack, application);
    }

    private void addDefaults(ConfigurableEnvironment environment) {
        ClassPathResource resource = new ClassPathResource(DEFAULTS_RESOURCE, getClass().getClassLoader());
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(DEFAULTS_RESOURCE, resource)) {
                if (!environment.getPropertySources().contains(source.getName())) {
                    environment.getPropertySources().addLast(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    /** Spring Boot runs its shutdown handlers after it has closed the application contexts. */
    private static void registerStopAfterContexts(EmbeddedStack stack) {
        synchronized (STOP_HANDLER_REGISTERED) {
            if (STOP_HANDLER_REGISTERED.add(stack)) {
                SpringApplication.getShutdownHandlers().add(stack::stop);
            }
        }
    }

    /**
     * The lease is released when the context destroys its singletons; registered first, it is destroyed last, so
     * the stack's JVM-exit stop waits until the DataSource and the Kafka clients are closed.
     */
    private static void holdLeaseWhileContextRuns(EmbeddedStack stack, SpringApplication application) {
        Runnable release = stack.openLease();
        application.addInitializers(context -> {
            if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(LEASE_BEAN, release::run);
            }
        });
        application.addListeners((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ApplicationFailedEvent) {
                release.run();
            }
        });
    }
}
