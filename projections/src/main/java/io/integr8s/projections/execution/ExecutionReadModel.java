package io.integr8s.projections.execution;

import io.integr8s.projections.rebuild.ProjectionGenerations;
import io.integr8s.projections.rebuild.RebuildableProjection;
import jakarta.annotation.PostConstruct;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The executions read model and its generations: generation 0 is the collection {@value ExecutionView#COLLECTION},
 * generation n is {@code executions_g<n>}. Readers ask {@link #collection()} for the generation in force.
 */
@Component
public class ExecutionReadModel implements RebuildableProjection {

    public static final String NAME = "executions";

    private final ReactiveMongoTemplate mongo;
    private final ProjectionGenerations generations;

    public ExecutionReadModel(ReactiveMongoTemplate mongo, ProjectionGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    public static String collection(int generation) {
        return generation == 0 ? ExecutionView.COLLECTION : ExecutionView.COLLECTION + "_g" + generation;
    }

    /** The collection the read side serves now. */
    public String collection() {
        return collection(generations.active(NAME));
    }

    @PostConstruct
    void createIndexesOfTheActiveGeneration() {
        ExecutionIndexes.create(mongo, collection());
    }

    /** The store the live processor writes through: always the active generation. */
    ExecutionViewStore liveStore() {
        return new ExecutionViewStore(mongo, this::collection);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String liveProcessor() {
        return ExecutionProjection.PROCESSING_GROUP;
    }

    @Override
    public void prepare(int generation) {
        ExecutionIndexes.create(mongo, collection(generation));
    }

    @Override
    public Object eventHandler(int generation) {
        return new ExecutionProjection(new BatchedExecutionViewWrites(mongo, collection(generation)));
    }

    @Override
    public void drop(int generation) {
        mongo.dropCollection(collection(generation)).block(ExecutionViewStore.TIMEOUT);
    }
}
