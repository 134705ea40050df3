package io.integr8s.infra.deadletter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.integr8s.infra.it.TestEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** infra's wiring plus one processing group whose handler fails on "poison" events while {@link #poison} is on. */
@SpringBootApplication
public class DeadLetterTestApplication {

    static final String GROUP = "dlq-test";

    /** "aggregateId:sequence" in the order handled, across contexts. */
    static final List<String> HANDLED = new CopyOnWriteArrayList<>();
    static volatile boolean poison = true;

    /** What the app registers (WriteSideConfiguration): it must not keep events out of the queue. */
    @Bean
    ConfigurerModule failingHandlersPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Component
    @ProcessingGroup(GROUP)
    static class FlakyProjection {

        @EventHandler
        void on(TestEvent event, @SequenceNumber long sequence) {
            if (poison && event.text().startsWith("poison")) {
                throw new IllegalStateException("cannot project " + event.text());
            }
            HANDLED.add(event.id() + ":" + sequence);
        }
    }
}
