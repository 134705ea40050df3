package io.integr8s.projections.rebuild;

/**
 * Which generation of each rebuildable projection's collections the read side serves (ADR 0010). Generation 0 is the
 * projection's original collections; a blue/green rebuild builds generation n + 1 beside them and then switches.
 */
@FunctionalInterface
public interface ProjectionGenerations {

    /** The generation serving reads of {@code projection} now (at most a moment stale on other instances). */
    int active(String projection);
}
