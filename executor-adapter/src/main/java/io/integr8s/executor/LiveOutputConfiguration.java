package io.integr8s.executor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A {@link LiveOutput} that discards everything, unless the application provides one (the API relays to SSE). */
@Configuration(proxyBeanMethods = false)
public class LiveOutputConfiguration {

    @Bean
    @ConditionalOnMissingBean(LiveOutput.class)
    LiveOutput noLiveOutput() {
        return LiveOutput.NONE;
    }
}
