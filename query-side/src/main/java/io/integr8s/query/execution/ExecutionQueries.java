package io.integr8s.query.execution;

import io.integr8s.projections.execution.ExecutionView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The execution queries as Reactor types, for WebFlux controllers; every call goes through the query bus. */
@Service
public class ExecutionQueries {

    private final QueryGateway queryGateway;

    public ExecutionQueries(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The execution, or an error {@link ExecutionNotFound}. */
    public Mono<ExecutionView> find(String executionId) {
        return Mono.fromFuture(() -> queryGateway.query(new FindExecution(executionId),
                ResponseTypes.instanceOf(ExecutionView.class)));
    }

    public Mono<ExecutionPage> list(ListExecutions query) {
        return Mono.fromFuture(() -> queryGateway.query(query, ResponseTypes.instanceOf(ExecutionPage.class)));
    }

    public Mono<ExecutionPage> listAll(ListAllExecutions query) {
        return Mono.fromFuture(() -> queryGateway.query(query, ResponseTypes.instanceOf(ExecutionPage.class)));
    }

    public Mono<ExecutionStatusCounts> countByStatus(String ownerId) {
        return Mono.fromFuture(() -> queryGateway.query(new CountExecutionsByStatus(ownerId),
                ResponseTypes.instanceOf(ExecutionStatusCounts.class)));
    }
}
