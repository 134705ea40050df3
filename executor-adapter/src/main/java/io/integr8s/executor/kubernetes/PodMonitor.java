package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.integr8s.command.execution.api.RecordPodFailed;
import io.integr8s.command.execution.api.RecordPodRunning;
import io.integr8s.command.execution.api.RecordPodScheduled;
import io.integr8s.command.execution.api.RecordPodSucceeded;
import io.integr8s.command.execution.api.RecordPodTerminated;
import io.integr8s.executor.CappedOutput;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the execution pods (an informer on {@code app=integr8s,component=executor} in the namespace) and reports
 * what {@link PodStates} reads from them: the pod lifecycle facts, the start, and at the pod's end the outcome with the
 * log ({@link PodOutcomes}). A pod that stays {@code Pending} longer than {@code start-timeout} (image pull failures,
 * no node) ends its execution {@code system_error}; a pod that vanishes before its end too. Everything runs on one
 * thread, in the order Kubernetes reported it; the aggregate records each fact once, so seeing a pod again (resyncs,
 * restarts, several executors) changes nothing.
 */
public class PodMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodMonitor.class);
    /** How long reading a finished pod's log may take. */
    private static final Duration LOG_READ_LIMIT = Duration.ofSeconds(30);
    private static final Duration PENDING_CHECK = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final KubernetesExecutorProperties properties;
    private final ExecutionReporter reporter;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "pod-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<Pod> informer;

    PodMonitor(KubernetesClient client, KubernetesExecutorProperties properties, ExecutionReporter reporter, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.reporter = reporter;
        this.clock = clock;
    }

    /** What was reported of one execution's pod by this executor. */
    private static final class Tracked {
        final Set<String> reported = new HashSet<>();
        final Instant firstSeen;
        boolean ended;

        Tracked(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    void start() {
        informer = client.pods().inNamespace(properties.namespace())
                .withLabels(ExecutorNames.SELECTOR)
                .withLabel(ExecutorNames.EXECUTION_ID_LABEL)
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                thread.execute(() -> observe(pod));
            }

            @Override
            public void onUpdate(Pod previous, Pod pod) {
                thread.execute(() -> observe(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                thread.execute(() -> vanished(pod));
            }
        });
        informer.start();
        thread.scheduleWithFixedDelay(this::checkPending, PENDING_CHECK.toMillis(), PENDING_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Watching execution pods in namespace {}", properties.namespace());
    }

    private void checkPending() {
        if (informer != null) {
            informer.getStore().list().forEach(this::observe);
        }
    }

    void observe(Pod pod) {
        try {
            report(PodStates.observe(pod));
        } catch (RuntimeException e) {
            log.error("Could not report the state of pod {}; the next change or check retries", pod.getMetadata()
                    .getName(), e);
        }
    }

    private void report(PodObservation pod) {
        String id = pod.executionId();
        if (id == null) {
            return;
        }
        Tracked state = tracked.computeIfAbsent(id, key -> new Tracked(clock.instant()));
        if (state.ended) {
            return;
        }
        if (pod.scheduled() && state.reported.add("scheduled")) {
            reporter.podFact(id, new RecordPodScheduled(id, pod.podName(), pod.nodeName()));
        }
        if (pod.running() && state.reported.add("running")) {
            reporter.started(id);
            reporter.podFact(id, new RecordPodRunning(id, pod.podName(), pod.containers()));
        }
        if (pod.end() != null) {
            state.ended = true;
            reportEnd(pod, pod.end());
            reporter.finished(id, PodOutcomes.of(pod, log(pod), properties.outputLimitBytes()));
        } else if (pod.pending() && Duration.between(state.firstSeen, clock.instant()).compareTo(startBound(pod)) > 0) {
            state.ended = true;
            String reason = pod.startProblem() != null ? pod.startProblem() : "not scheduled or started";
            reporter.podFact(id, new RecordPodTerminated(id, pod.podName(), reason));
            reporter.finished(id, SandboxResult.systemError("The pod " + pod.podName() + " did not start within "
                    + startBound(pod).toSeconds() + " s (" + reason + "). Check that the runtime's image in "
                    + "integr8s.executor.kubernetes.runtimes exists and the nodes can pull it, and that the cluster "
                    + "has room for the pod's requests"));
        }
    }

    /** How long a pending pod may wait: shorter once its image is known not to pull. */
    private Duration startBound(PodObservation pod) {
        return pod.startProblem() != null ? properties.imagePullTimeout() : properties.startTimeout();
    }

    private void reportEnd(PodObservation pod, PodEnd end) {
        String id = pod.executionId();
        switch (end.kind()) {
            case SUCCEEDED -> reporter.podFact(id, new RecordPodSucceeded(id, pod.podName(), end.exitCode(),
                    pod.containers()));
            case FAILED -> reporter.podFact(id, new RecordPodFailed(id, pod.podName(), end.exitCode(), end.reason(),
                    pod.containers()));
            case TERMINATED -> reporter.podFact(id, new RecordPodTerminated(id, pod.podName(), end.reason()));
        }
    }

    /** A pod deleted before this executor saw it end: evicted with its node, deleted by hand, or deleted after the end. */
    private void vanished(Pod pod) {
        String id = PodStates.executionId(pod);
        Tracked state = id == null ? null : tracked.remove(id);
        if (state == null || state.ended) {
            return;
        }
        PodObservation seen = PodStates.observe(pod);
        PodEnd end = seen.end() != null ? seen.end() : PodEnd.terminated("Deleted", "the pod was deleted before it ended");
        reportEnd(seen, end);
        reporter.finished(id, end.kind() == PodEnd.Kind.TERMINATED
                ? SandboxResult.systemError("The pod " + seen.podName() + " was deleted before it ended (evicted, "
                + "its node lost, or deleted by hand); the run is not repeated so that it never runs twice. Retry it")
                : PodOutcomes.of(seen, PodLog.EMPTY, properties.outputLimitBytes()));
    }

    /** The pod's log, kept up to the output limit (the local sandbox's cap and truncation marker). */
    private PodLog log(PodObservation pod) {
        if (!pod.running()) {
            return PodLog.EMPTY;
        }
        try {
            InputStream in = client.pods().inNamespace(properties.namespace()).withName(pod.podName())
                    .inContainer(ExecutionPods.CONTAINER).getLogInputStream();
            CappedOutput output = CappedOutput.start("stdout", properties.outputLimitBytes(), in, () -> {
            }, "pod-log-" + pod.executionId());
            output.awaitEnd(LOG_READ_LIMIT);
            return new PodLog(output.text(), output.exceeded());
        } catch (KubernetesClientException e) {
            log.warn("Could not read the log of pod {}; its result has no output", pod.podName(), e);
            return PodLog.EMPTY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PodLog.EMPTY;
        }
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        thread.shutdownNow();
    }
}
