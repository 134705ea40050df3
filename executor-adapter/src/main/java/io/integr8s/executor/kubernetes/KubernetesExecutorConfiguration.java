package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.integr8s.executor.ConditionalOnExecutorRole;
import io.integr8s.executor.ExecutionReporter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes backend ({@code integr8s.executor.backend: kubernetes}): one hardened pod per execution, on executor
 * instances only (the monitor, reconciliation and sweep run where the pods are created).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExecutorRole
@ConditionalOnProperty(prefix = "integr8s.executor", name = "backend", havingValue = "kubernetes")
@EnableConfigurationProperties(KubernetesExecutorProperties.class)
public class KubernetesExecutorConfiguration {

    /** In a pod: its service account; elsewhere: {@code ~/.kube/config} or {@code KUBECONFIG}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    KubernetesExecutionBackend kubernetesExecutionBackend(KubernetesClient client, KubernetesExecutorProperties properties,
                                                          ExecutionReporter reporter) {
        return new KubernetesExecutionBackend(client, properties, reporter);
    }

    @Bean(destroyMethod = "close")
    PodMonitor podMonitor(KubernetesClient client, KubernetesExecutorProperties properties, ExecutionReporter reporter) {
        return new PodMonitor(client, properties, reporter, Clock.systemUTC());
    }

    @Bean
    PodReconciler podReconciler(KubernetesClient client, KubernetesExecutorProperties properties, EventStore events,
                                ExecutionsHoldingPods holding, ExecutionReporter reporter) {
        return new PodReconciler(client, properties, events, holding, reporter, Clock.systemUTC());
    }

    @Bean
    PodSweeper podSweeper(KubernetesClient client, KubernetesExecutorProperties properties) {
        return new PodSweeper(client, properties, Clock.systemUTC());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService podSweeps() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pod-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Once the application is ready: reconcile what the previous run left, then watch, then sweep periodically. */
    @Bean
    Startup kubernetesExecutorStartup(PodReconciler reconciler, PodMonitor monitor, PodSweeper sweeper,
                                      ScheduledExecutorService podSweeps, KubernetesExecutorProperties properties) {
        return new Startup(reconciler, monitor, sweeper, podSweeps, properties);
    }

    record Startup(PodReconciler reconciler, PodMonitor monitor, PodSweeper sweeper, ScheduledExecutorService sweeps,
                   KubernetesExecutorProperties properties) {

        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            reconciler.reconcile();
            monitor.start();
            long every = properties.sweepInterval().toMillis();
            sweeps.scheduleWithFixedDelay(sweeper::sweep, every, every, TimeUnit.MILLISECONDS);
        }
    }
}
