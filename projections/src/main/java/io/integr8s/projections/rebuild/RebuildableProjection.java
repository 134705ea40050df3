package io.integr8s.projections.rebuild;

/**
 * A read model that can be rebuilt blue/green (ADR 0010): a fresh handler instance writes generation-suffixed
 * collections while the live processor keeps serving the active generation.
 */
public interface RebuildableProjection {

    /** The name analysts and the request table use, e.g. {@code executions}. */
    String name();

    /** The tracking processor that keeps the active generation up to date. */
    String liveProcessor();

    /** The processor that builds {@code generation}: the live processor's name with a generation suffix. */
    default String rebuildProcessor(int generation) {
        return liveProcessor() + "-g" + generation;
    }

    /** Creates the collections and indexes of {@code generation}; existing ones are kept (a rebuild resumes). */
    void prepare(int generation);

    /** A new event handler writing only into the collections of {@code generation}. */
    Object eventHandler(int generation);

    /** Drops every collection of {@code generation}. */
    void drop(int generation);
}
