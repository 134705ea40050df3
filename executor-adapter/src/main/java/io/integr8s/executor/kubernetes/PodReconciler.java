package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.integr8s.command.execution.api.ExecutionEnded;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.RecordPodTerminated;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After a restart: deletes the pods whose execution ended (or is unknown), and ends {@code failed}/{@code system_error}
 * the executions that hold a pod by their events but whose pod is gone (deleted while no executor watched). An
 * execution's state is read from its events in the event store, the source of truth; a pod claimed less than
 * {@code start-timeout} ago may still be on its way (another executor creates it) and is left alone.
 */
class PodReconciler {

    static final String POD_GONE = "The pod of this execution disappeared while no executor was watching (deleted, "
            + "evicted or its node lost); it is not re-run so that it never runs twice. Retry it to run it again.";

    private static final Logger log = LoggerFactory.getLogger(PodReconciler.class);

    private final KubernetesClient client;
    private final KubernetesExecutorProperties properties;
    private final EventStore events;
    private final ExecutionsHoldingPods holding;
    private final ExecutionReporter reporter;
    private final Clock clock;

    PodReconciler(KubernetesClient client, KubernetesExecutorProperties properties, EventStore events,
                  ExecutionsHoldingPods holding, ExecutionReporter reporter, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.events = events;
        this.holding = holding;
        this.reporter = reporter;
        this.clock = clock;
    }

    void reconcile() {
        List<Pod> pods = client.pods().inNamespace(properties.namespace())
                .withLabels(ExecutorNames.SELECTOR)
                .withLabel(ExecutorNames.EXECUTION_ID_LABEL).list().getItems();
        for (Pod pod : pods) {
            String id = PodStates.executionId(pod);
            if (id == null || !live(id)) {
                log.info("Deleting pod {}: its execution {} ended or is unknown", pod.getMetadata().getName(), id);
                client.resource(pod).inNamespace(properties.namespace()).delete();
                client.configMaps().inNamespace(properties.namespace()).withName(pod.getMetadata().getName()).delete();
            }
        }
        Set<String> withPod = pods.stream().map(PodStates::executionId).collect(Collectors.toSet());
        for (String id : holding.executionIds()) {
            if (withPod.contains(id)) {
                continue;
            }
            Optional<Instant> claimed = claimedAt(id);
            if (claimed.isPresent() && live(id)
                    && claimed.get().plus(properties.startTimeout()).isBefore(clock.instant())) {
                log.warn("Execution {} holds a pod that is gone; reporting it as failed", id);
                reporter.podFact(id, new RecordPodTerminated(id, ExecutorNames.of(id).podName(), "Gone"));
                reporter.finished(id, SandboxResult.systemError(POD_GONE));
            }
        }
    }

    private boolean live(String executionId) {
        List<? extends DomainEventMessage<?>> stream = events.readEvents(executionId).asStream().toList();
        return !stream.isEmpty() && stream.stream().noneMatch(event -> event.getPayload() instanceof ExecutionEnded);
    }

    private Optional<Instant> claimedAt(String executionId) {
        return events.readEvents(executionId).asStream().filter(event -> event.getPayload() instanceof PodCreated)
                .map(DomainEventMessage::getTimestamp).findFirst();
    }
}
