package io.integr8s.executor;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalOnExecutorRoleTest {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExecutorRole
    static class ExecutorOnly {
        @Bean
        String executorWork() {
            return "started";
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ExecutorOnly.class);

    @Test
    void withoutRolesEveryRoleIsHeldSoTheExecutorsWorkStarts() {
        runner.run(context -> assertThat(context).hasBean("executorWork"));
        runner.withPropertyValues("integr8s.roles=").run(context -> assertThat(context).hasBean("executorWork"));
    }

    @Test
    void anInstanceListingTheExecutorRoleStartsIt() {
        runner.withPropertyValues("integr8s.roles=sagas, coordinator, executor")
                .run(context -> assertThat(context).hasBean("executorWork"));
    }

    @Test
    void anInstanceWithoutTheExecutorRoleDoesNot() {
        runner.withPropertyValues("integr8s.roles=api,projections,executors")
                .run(context -> assertThat(context).doesNotHaveBean("executorWork"));
    }
}
