package io.integr8s.query.execution;

import io.integr8s.projections.execution.ExecutionView;

import java.util.List;

/**
 * A page of executions and the number of all that match. Items of a user's listing carry no script (it can be
 * 50,000 characters and listings don't show it): {@code script} is null there; {@link FindExecution} and the admins'
 * {@link ListAllExecutions} return it.
 */
public record ExecutionPage(List<ExecutionView> items, long total, int skip, int limit, boolean hasMore) {

    public static ExecutionPage of(List<ExecutionView> items, long total, int skip, int limit) {
        return new ExecutionPage(List.copyOf(items), total, skip, limit, skip + items.size() < total);
    }
}
