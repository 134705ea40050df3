package io.integr8s.api.stream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The SSE bridge: consumes the integration stream from Kafka and relays each execution event to that
 * execution's Redis channel, whichever API instance holds its clients. Publishing is a side effect, so a
 * replay of this processor must not repeat it.
 */
@Component
@ProcessingGroup(ExecutionEventRelay.PROCESSING_GROUP)
@DisallowReplay
public class ExecutionEventRelay {

    public static final String PROCESSING_GROUP = "sse-bridge";

    private final ExecutionChannels channels;
    private final RelayCodec codec;

    public ExecutionEventRelay(ExecutionChannels channels, RelayCodec codec) {
        this.channels = channels;
        this.codec = codec;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message) {
        if (RelayCodec.isRelayed(payload)) {
            channels.of(message.getAggregateIdentifier()).publish(codec.encode(ExecutionHistory.envelope(message)));
        }
    }
}
