package io.integr8s.executor;

import java.util.function.Supplier;

/** Lets a test register the command handler before it builds the backend that needs the configured gateway. */
public record DelegatingBackend(Supplier<ExecutionBackend> target) implements ExecutionBackend {

    @Override
    public void create(SandboxSpec spec) {
        target.get().create(spec);
    }

    @Override
    public void delete(String executionId) {
        target.get().delete(executionId);
    }

    @Override
    public boolean isActive(String executionId) {
        return target.get().isActive(executionId);
    }
}
