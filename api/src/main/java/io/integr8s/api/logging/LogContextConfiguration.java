package io.integr8s.api.logging;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every command, event and query handler of this instance logs with its message's ids ({@link MessageLogContext}). */
@Configuration(proxyBeanMethods = false)
public class LogContextConfiguration {

    @Bean
    ConfigurerModule handlersLogWithTheirMessageIds() {
        MessageLogContext context = new MessageLogContext();
        return configurer -> {
            configurer.eventProcessing().registerDefaultHandlerInterceptor((axon, name) -> context);
            configurer.onInitialize(axon -> axon.onStart(Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS, () -> {
                axon.commandBus().registerHandlerInterceptor(context);
                axon.queryBus().registerHandlerInterceptor(context);
            }));
        };
    }
}
