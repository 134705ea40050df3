package io.integr8s.executor.local;

import io.integr8s.command.runtime.RuntimeRegistry;
import io.integr8s.executor.ConditionalOnExecutorRole;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.LiveOutput;
import io.integr8s.executor.runtime.InstalledRuntimes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * The local bubblewrap backend; the default ({@code integr8s.executor.backend: local}), on executor instances only:
 * it needs cgroups and bubblewrap, and its journal reconciliation must run where its sandboxes ran.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExecutorRole
@ConditionalOnProperty(prefix = "integr8s.executor", name = "backend", havingValue = "local", matchIfMissing = true)
@EnableConfigurationProperties({LocalExecutorProperties.class, LocalSandboxDrain.Shutdown.class})
public class LocalExecutorConfiguration {

    private static final String HOME = "${integr8s.home:${INTEGR8S_HOME:./.integr8s}}";

    @Bean
    SandboxActivity sandboxActivity() {
        return new SandboxActivity();
    }

    @Bean
    SandboxJournal sandboxJournal(@Value(HOME) Path home) {
        return new SandboxJournal(home.toAbsolutePath().normalize().resolve("sandboxes"));
    }

    @Bean(destroyMethod = "close")
    LocalExecutionBackend localExecutionBackend(LocalExecutorProperties properties, @Value(HOME) Path home,
                                                InstalledRuntimes runtimes, SandboxActivity activity,
                                                SandboxJournal journal, ExecutionReporter reporter,
                                                LiveOutput liveOutput) {
        LocalExecutorProperties withStaging =
                properties.withDefaultStagingDir(home.toAbsolutePath().normalize().resolve("staging"));
        return new LocalExecutionBackend(LocalSandboxFactory.forThisMachine(withStaging, runtimes, activity, liveOutput),
                journal, reporter);
    }

    @Bean
    LocalSandboxDrain localSandboxDrain(LocalExecutionBackend backend, LocalSandboxDrain.Shutdown shutdown) {
        return new LocalSandboxDrain(backend, shutdown);
    }

    @Bean
    LocalSandboxHealthIndicator localSandboxHealthIndicator(LocalExecutorProperties properties, RuntimeRegistry runtimes,
                                                            SandboxActivity activity) {
        return new LocalSandboxHealthIndicator(properties, runtimes, activity);
    }

    @Bean
    JournalReconciler journalReconciler(SandboxJournal journal, ExecutionReporter reporter) {
        return new JournalReconciler(journal, reporter);
    }
}
