package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Deletes execution pods and ConfigMaps older than the longest possible run ({@code max-timeout} + {@code sweep-grace}):
 * leftovers of paths that could not delete them (an executor that died between the end and the delete, a ConfigMap
 * whose pod was never created). Live runs are younger than that by construction.
 */
class PodSweeper {

    private static final Logger log = LoggerFactory.getLogger(PodSweeper.class);

    private final KubernetesClient client;
    private final KubernetesExecutorProperties properties;
    private final Clock clock;

    PodSweeper(KubernetesClient client, KubernetesExecutorProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    void sweep() {
        Instant cutoff = clock.instant().minus(properties.maxTimeout()).minus(properties.sweepGrace());
        try {
            sweepOlderThan(cutoff);
        } catch (RuntimeException e) {
            log.warn("Sweeping leftover execution pods failed; the next sweep retries", e);
        }
    }

    private void sweepOlderThan(Instant cutoff) {
        sweep(client.pods().inNamespace(properties.namespace())
                .withLabels(ExecutorNames.SELECTOR).withLabel(ExecutorNames.EXECUTION_ID_LABEL).list().getItems(), cutoff);
        sweep(client.configMaps().inNamespace(properties.namespace())
                .withLabels(ExecutorNames.SELECTOR).withLabel(ExecutorNames.EXECUTION_ID_LABEL).list().getItems(), cutoff);
    }

    private void sweep(List<? extends HasMetadata> objects, Instant cutoff) {
        for (HasMetadata object : objects) {
            String created = object.getMetadata().getCreationTimestamp();
            if (created != null && Instant.parse(created).isBefore(cutoff)) {
                log.info("Sweeping leftover {} {} (created {})", object.getKind(), object.getMetadata().getName(), created);
                client.resource(object).inNamespace(properties.namespace()).delete();
            }
        }
    }
}
