package io.integr8s.api.rebuild;

import io.integr8s.projections.rebuild.RebuildableProjection;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Requests blue/green rebuilds and processor resets (ADR 0010) for the admin API and other callers; the replay-tool
 * writes the same rows over JDBC. A request is durable: an instance with the {@code projections} role picks it up.
 */
@Service
public class ProjectionRebuilds {

    private final RebuildTable table;
    private final List<RebuildableProjection> projections;

    ProjectionRebuilds(RebuildTable table, List<RebuildableProjection> projections) {
        this.table = table;
        this.projections = projections;
        projections.forEach(projection -> table.register(projection.name()));
    }

    /** The names {@link #requestRebuild} accepts. */
    public List<String> rebuildableProjections() {
        return projections.stream().map(RebuildableProjection::name).sorted().toList();
    }

    public RebuildRequest requestRebuild(String projection) {
        if (!rebuildableProjections().contains(projection)) {
            throw new RebuildRefused(unknownProjection(projection, projections));
        }
        return insert(RebuildKind.REBUILD, projection, null);
    }

    /** Resets {@code processor}'s tokens to the start of the event store, or to {@code from} when given. */
    public RebuildRequest requestReset(String processor, Instant from) {
        return insert(RebuildKind.RESET, processor, from);
    }

    public Optional<RebuildRequest> find(UUID id) {
        return table.find(id);
    }

    /** The latest requests, newest first. */
    public List<RebuildRequest> recent(int limit) {
        return table.recent(limit);
    }

    /** Cancels a request that is not switching yet; a cancelled rebuild's new generation is discarded. */
    public RebuildRequest cancel(UUID id) {
        if (!table.cancel(id)) {
            RebuildRequest request = table.find(id).orElseThrow(() -> new RebuildRefused("no rebuild or reset " + id));
            throw new RebuildRefused("the " + request.kind().column() + " " + id + " is " + request.status().column()
                    + ": only a requested or running one can be cancelled");
        }
        return table.find(id).orElseThrow();
    }

    private RebuildRequest insert(RebuildKind kind, String target, Instant from) {
        UUID id = table.insert(kind, target, from).orElseThrow(() -> new RebuildRefused("a rebuild or reset of '"
                + target + "' is already " + table.active(target).map(r -> r.status().column() + " (" + r.id() + ")")
                .orElse("active") + ": wait for it to finish or cancel it"));
        return table.find(id).orElseThrow();
    }

    static String unknownProjection(String name, List<RebuildableProjection> projections) {
        return "'" + name + "' is not a rebuildable projection: use one of "
                + projections.stream().map(RebuildableProjection::name).sorted().collect(Collectors.joining(", "))
                + " (user-directory, user-settings and system-settings are subscribing read models in PostgreSQL,"
                + " committed with their events, so they are never behind and are not rebuilt this way)";
    }
}
