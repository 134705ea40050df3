package io.integr8s.executor;

import io.integr8s.command.sandbox.api.CreateSandbox;
import io.integr8s.command.sandbox.api.DeleteSandbox;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * Receives the saga's sandbox commands and hands them to the configured {@link ExecutionBackend}; only on executor
 * instances (the local command bus delivers them in the saga's own process, which therefore has this role too).
 */
@Component
@ConditionalOnExecutorRole
public class SandboxCommandHandler {

    private final ExecutionBackend backend;

    public SandboxCommandHandler(ExecutionBackend backend) {
        this.backend = backend;
    }

    @CommandHandler
    public void handle(CreateSandbox command) {
        backend.create(SandboxSpec.of(command));
    }

    @CommandHandler
    public void handle(DeleteSandbox command) {
        backend.delete(command.executionId());
    }
}
