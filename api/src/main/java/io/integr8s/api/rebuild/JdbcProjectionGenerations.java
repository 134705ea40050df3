package io.integr8s.api.rebuild;

import io.integr8s.projections.rebuild.ProjectionGenerations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active generation per projection ({@code projection_generations}; no row = generation 0), cached for
 * {@code integr8s.projection-rebuilds.generation-cache}, so every instance follows a switch within that time.
 */
@Component
class JdbcProjectionGenerations implements ProjectionGenerations {

    private record Read(int generation, long atNanos) {
    }

    private final JdbcTemplate jdbc;
    private final long cacheNanos;
    private final Map<String, Read> cache = new ConcurrentHashMap<>();

    /** {@code tables} is asked for so the table exists before the first read (it is created with it). */
    JdbcProjectionGenerations(JdbcTemplate jdbc, RebuildTable tables, RebuildProperties properties) {
        this.jdbc = jdbc;
        this.cacheNanos = properties.generationCache().toNanos();
    }

    @Override
    public int active(String projection) {
        long now = System.nanoTime();
        Read read = cache.get(projection);
        if (read == null || now - read.atNanos() > cacheNanos) {
            read = new Read(stored(projection), now);
            cache.put(projection, read);
        }
        return read.generation();
    }

    /** The generation as stored now, bypassing the cache. */
    int stored(String projection) {
        return jdbc.queryForList("SELECT generation FROM projection_generations WHERE projection = ?", Integer.class,
                projection).stream().findFirst().orElse(0);
    }

    /** Forgets what was read, so the next {@link #active} reads the table (before a halted processor restarts). */
    void refresh() {
        cache.clear();
    }

    /** Points the read side at {@code generation}; called in the transaction that hands the tokens over. */
    void switchTo(String projection, int generation) {
        jdbc.update("""
                INSERT INTO projection_generations (projection, generation, switched_at) VALUES (?, ?, now())
                ON CONFLICT (projection) DO UPDATE SET generation = EXCLUDED.generation, switched_at = now()""",
                projection, generation);
    }

    Duration cacheTime() {
        return Duration.ofNanos(cacheNanos);
    }
}
