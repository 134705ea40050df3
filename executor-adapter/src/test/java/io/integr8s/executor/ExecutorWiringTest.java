package io.integr8s.executor;

import io.integr8s.command.runtime.RuntimeRegistry;
import io.integr8s.command.sandbox.api.DeleteSandbox;
import io.integr8s.executor.local.LocalExecutionBackend;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The module as the application sees it: scanned beans, bound properties, the handlers subscribed with Axon. */
@SpringBootTest(classes = ExecutorWiringTest.App.class)
@TestPropertySource(properties = {
        "integr8s.home=${java.io.tmpdir}/integr8s-executor-wiring-test",
        "integr8s.runtimes.languages[0].lang=python",
        "integr8s.runtimes.languages[0].versions=3.11",
        "integr8s.runtimes.languages[0].file-extension=py",
        "integr8s.runtimes.languages[0].interpreter=/usr/bin/python3",
        "integr8s.runtimes.languages[0].command=/usr/bin/python3,-I,-B,{script}",
        "integr8s.runtimes.languages[1].lang=ghost",
        "integr8s.runtimes.languages[1].versions=1",
        "integr8s.runtimes.languages[1].file-extension=gh",
        "integr8s.runtimes.languages[1].interpreter=/usr/bin/no-such-interpreter",
        "integr8s.runtimes.languages[1].command=/usr/bin/no-such-interpreter,{script}",
        "integr8s.executor.local.max-parallel=3"})
class ExecutorWiringTest {

    @SpringBootApplication
    static class App {
        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }
    }

    @Autowired
    RuntimeRegistry runtimes;
    @Autowired
    ExecutionBackend backend;
    @Autowired
    CommandGateway commandGateway;

    @Test
    void offersOnlyConfiguredRuntimesWhoseInterpreterExists() {
        assertThat(runtimes.languages()).containsOnlyKeys("python");
        assertThat(runtimes.supports("python", "3.11")).isTrue();
    }

    @Test
    void theLocalBackendIsTheDefaultAndItsHandlersAreSubscribed() {
        assertThat(backend).isInstanceOf(LocalExecutionBackend.class);

        commandGateway.sendAndWait(new DeleteSandbox("unknown-execution", "test"));

        assertThat(Path.of(System.getProperty("java.io.tmpdir"), "integr8s-executor-wiring-test", "sandboxes")).isDirectory();
    }
}
