package io.integr8s.api.execution;

import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.executor.kubernetes.ExecutionsHoldingPods;
import io.integr8s.projections.execution.ExecutionReadModel;
import io.integr8s.projections.execution.ExecutionView;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/** The executions the read model shows scheduled or running with a pod: the Kubernetes reconciliation's candidates. */
@Component
class ReadModelExecutionsHoldingPods implements ExecutionsHoldingPods {

    private static final Duration QUERY_LIMIT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final ExecutionReadModel readModel;

    ReadModelExecutionsHoldingPods(ReactiveMongoTemplate mongo, ExecutionReadModel readModel) {
        this.mongo = mongo;
        this.readModel = readModel;
    }

    @Override
    public List<String> executionIds() {
        Query query = Query.query(Criteria.where(ExecutionView.STATUS).in(ExecutionStatus.SCHEDULED, ExecutionStatus.RUNNING)
                .and(ExecutionView.POD_NAME).ne(null));
        return mongo.find(query, ExecutionView.class, readModel.collection()).map(ExecutionView::executionId).collectList().block(QUERY_LIMIT);
    }
}
