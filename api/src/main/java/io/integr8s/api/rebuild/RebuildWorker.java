package io.integr8s.api.rebuild;

import io.integr8s.api.roles.InstanceRoles;
import io.integr8s.api.roles.Role;
import io.integr8s.projections.rebuild.RebuildableProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every {@code poll-interval}, on every instance: keeps the processors that active requests halt stopped here, and
 * starts them again once no request halts them. On instances with the {@code projections} role it also claims one
 * request at a time and drives it ({@link RebuildJob}, {@link ResetJob}).
 */
@Component
class RebuildWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RebuildWorker.class);

    /** What the jobs work with. */
    record Context(String owner, RebuildTable table, JdbcProjectionGenerations generations, TokenHandover handover,
                   RebuildProcessors processors, EventStoreCounts counts, EventProcessingConfiguration processing,
                   RebuildProperties properties) {

        Set<String> streamingProcessors() {
            Set<String> names = new TreeSet<>();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor) {
                    names.add(name);
                }
            });
            return names;
        }
    }

    private final Context context;
    private final InstanceRoles roles;
    private final List<RebuildableProjection> projections;
    private final HaltedProcessors haltedHere;
    private ScheduledExecutorService ticker;
    private Job job;

    RebuildWorker(RebuildTable table, JdbcProjectionGenerations generations, TokenHandover handover,
                  RebuildProcessors processors, EventStoreCounts counts, EventProcessingConfiguration processing,
                  RebuildProperties properties, InstanceRoles roles, List<RebuildableProjection> projections,
                  HaltedProcessors haltedHere) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.context = new Context(owner, table, generations, handover, processors, counts, processing, properties);
        this.roles = roles;
        this.projections = projections;
        this.haltedHere = haltedHere;
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "projection-rebuilds"));
        ticker.scheduleWithFixedDelay(this::tick, 0, context.properties().pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Gives a claimed request back (its processor stops; its tokens stay), so the next instance resumes it. */
    @Override
    public synchronized void stop() {
        ticker.shutdown();
        try {
            if (!ticker.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The projection-rebuilds worker did not stop within 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticker = null;
        if (job != null) {
            job.release();
            job = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }

    private void tick() {
        try {
            keepHaltedProcessorsStopped();
            if (roles.has(Role.PROJECTIONS)) {
                drive();
            }
        } catch (RuntimeException e) {
            log.warn("Projection rebuilds: this step failed and is retried in {}: {}",
                    context.properties().pollInterval(), e.toString(), e);
        }
    }

    private void keepHaltedProcessorsStopped() {
        Set<String> halted = context.table().haltedProcessors();
        for (Map.Entry<String, EventProcessor> entry : context.processing().eventProcessors().entrySet()) {
            String name = entry.getKey();
            EventProcessor processor = entry.getValue();
            if (halted.contains(name) && processor.isRunning()) {
                processor.shutDown();
                haltedHere.add(name);
                log.info("Event processor {} halted here for a rebuild or reset", name);
            } else if (!halted.contains(name) && haltedHere.remove(name)) {
                context.generations().refresh();
                processor.start();
                log.info("Event processor {} runs again", name);
            }
        }
    }

    private void drive() {
        if (job == null) {
            job = context.table().claim(context.owner(), context.properties().lease()).flatMap(this::job).orElse(null);
        }
        if (job != null && !job.advance()) {
            job = null;
        }
    }

    private Optional<Job> job(RebuildRequest request) {
        if (request.kind() == RebuildKind.RESET) {
            return Optional.of(new ResetJob(context, request));
        }
        Optional<RebuildableProjection> projection = projections.stream()
                .filter(candidate -> candidate.name().equals(request.target())).findFirst();
        if (projection.isEmpty()) {
            context.table().fail(request.id(), ProjectionRebuilds.unknownProjection(request.target(), projections));
            return Optional.empty();
        }
        return Optional.of(new RebuildJob(context, request, projection.get()));
    }
}
