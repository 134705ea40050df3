package io.integr8s.api.stream;

import io.integr8s.api.web.ApiException;
import io.integr8s.command.execution.api.ExecutionStatus;
import org.redisson.api.RTopic;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An execution's story for one SSE client without loss: subscribe to the live channel first, then read the stored
 * history, then follow live events past the last stored one (de-duplicated by sequence), and end after the result.
 * A resuming client gets the messages whose id ({@link SseEventMapper#idOf}) is above its {@code Last-Event-ID}, of
 * the stream as it would be from the start: nothing past {@code result_stored}, which ends every stream. Live events
 * need no such filter: an event reaches the channel only after it is stored, so a client cannot have seen a later id.
 * Live output chunks on the channel are passed through as {@code output_chunk} messages (only those published while
 * this client follows: they are not stored).
 */
@Component
public class ExecutionEventStream {

    private final ExecutionHistory history;
    private final ExecutionChannels channels;
    private final RelayCodec codec;

    public ExecutionEventStream(ExecutionHistory history, ExecutionChannels channels, RelayCodec codec) {
        this.history = history;
        this.channels = channels;
        this.codec = codec;
    }

    /**
     * @param afterId the client saw the messages up to this id (Last-Event-ID), {@link SseEventMapper#NONE_SEEN} for none
     * @return the stream, or an error {@link ApiException} (404) when the execution does not exist
     */
    public Mono<Flux<StreamedEvent>> open(String executionId, long afterId) {
        Sinks.Many<RelayedMessage> live = Sinks.many().unicast().onBackpressureBuffer();
        RTopic channel = channels.of(executionId);
        return Mono.fromCompletionStage(channel.addListenerAsync(String.class,
                        (name, message) -> live.tryEmitNext(codec.decode(message))))
                .flatMap(listenerId -> history.read(executionId)
                        .flatMap(stored -> stored.isEmpty()
                                ? Mono.<Flux<StreamedEvent>>error(ApiException.executionNotFound(executionId))
                                : Mono.just(replayThenFollow(executionId, stored, live.asFlux(), afterId)))
                        .map(events -> events.doFinally(signal -> channel.removeListenerAsync(listenerId)))
                        .doOnError(error -> channel.removeListenerAsync(listenerId)));
    }

    private Flux<StreamedEvent> replayThenFollow(String executionId, List<ExecutionEventEnvelope> stored,
                                                 Flux<RelayedMessage> live, long afterId) {
        ExecutionStory story = new ExecutionStory(executionId);
        List<StreamedEvent> replay = new ArrayList<>();
        AtomicLong lastApplied = new AtomicLong(-1);
        boolean closed = false;
        for (ExecutionEventEnvelope event : stored) {
            story.apply(event);
            lastApplied.set(event.sequence());
            for (StreamedEvent message : SseEventMapper.map(event, story)) {
                if (!closed && message.id() > afterId) {
                    replay.add(message);
                }
                closed = closed || closesStream(message);
            }
        }
        Flux<StreamedEvent> head = Flux.concat(Flux.just(SseEventMapper.status(executionId, story)), Flux.fromIterable(replay));
        if (closed) {
            return head;
        }
        // Output chunks come straight from the executor and can overtake the lifecycle events, which travel through
        // the event store and Kafka: a chunk is held until the stream has shown the run started (or ended, then the
        // held ones go just before the result). Chunks have no id, never change the story, never close the stream.
        List<OutputChunk> held = new ArrayList<>();
        Flux<StreamedEvent> tail = live
                .concatMapIterable(message -> {
                    if (message instanceof OutputChunk chunk) {
                        if (story.status() == ExecutionStatus.RUNNING) {
                            return List.of(chunkEvent(chunk));
                        }
                        held.add(chunk);
                        return List.of();
                    }
                    ExecutionEventEnvelope event = (ExecutionEventEnvelope) message;
                    if (event.sequence() <= lastApplied.get()) {
                        return List.of();
                    }
                    lastApplied.set(event.sequence());
                    story.apply(event);
                    List<StreamedEvent> messages = new ArrayList<>(SseEventMapper.map(event, story));
                    if (!held.isEmpty() && (story.status() == ExecutionStatus.RUNNING || story.hasEnded())) {
                        List<StreamedEvent> released = held.stream().map(ExecutionEventStream::chunkEvent).toList();
                        held.clear();
                        messages.addAll(story.hasEnded() ? 0 : messages.size(), released);
                    }
                    return messages;
                });
        return head.concatWith(tail).takeUntil(ExecutionEventStream::closesStream);
    }

    private static StreamedEvent chunkEvent(OutputChunk chunk) {
        return new StreamedEvent(null, SseOutputChunk.of(chunk));
    }

    private static boolean closesStream(StreamedEvent streamed) {
        return streamed.event().closesStream();
    }
}
