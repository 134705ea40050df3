package io.integr8s.api.execution;

import io.integr8s.api.system.CurrentSystemSettings;
import io.integr8s.api.user.CurrentUser;
import io.integr8s.api.web.Blocking;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.RequestExecution;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Turns a submission into a {@link RequestExecution} under the time, memory and CPU limits of the system settings
 * in force. With an {@code Idempotency-Key} the same key from the same user returns the first execution for 24
 * hours, on every instance (the key lives in Redis).
 * <p>
 * The key is claimed in Redis before the command is stored, so a crash in between leaves a claim whose execution
 * does not exist. Every request that finds the key claimed therefore sends the command again under the claimed id:
 * the event store accepts only one first event per aggregate, so either the execution was stored already (the send
 * fails with {@link AggregateStreamCreationException} and the claimed id is the answer) or this request stores it
 * now. Either way the id returned exists (ADR 0016).
 */
@Component
public class ExecutionSubmission {

    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final CommandGateway commandGateway;
    private final RedissonClient redisson;
    private final CurrentSystemSettings settings;
    private final Clock clock;

    public ExecutionSubmission(CommandGateway commandGateway, RedissonClient redisson, CurrentSystemSettings settings) {
        this.commandGateway = commandGateway;
        this.redisson = redisson;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    public Mono<String> submit(CurrentUser user, String script, String lang, String langVersion, Priority priority,
                               String idempotencyKey) {
        String executionId = UUID.randomUUID().toString();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return send(executionId, user, script, lang, langVersion, priority);
        }
        RBucket<String> claim = redisson.getBucket("idempotency:" + user.id() + ":" + sha256(idempotencyKey), StringCodec.INSTANCE);
        return Mono.fromCompletionStage(claim.setIfAbsentAsync(executionId, IDEMPOTENCY_WINDOW))
                .flatMap(claimed -> claimed
                        ? sendOnce(executionId, user, script, lang, langVersion, priority)
                                .onErrorResume(error -> Mono.fromCompletionStage(claim.deleteAsync()).then(Mono.error(error)))
                        : Mono.fromCompletionStage(claim.getAsync())
                                .flatMap(claimedId -> sendOnce(claimedId, user, script, lang, langVersion, priority))
                                // the claim expired in between: a new one
                                .switchIfEmpty(Mono.defer(() -> submit(user, script, lang, langVersion, priority,
                                        idempotencyKey))));
    }

    /** Stores the execution unless it is stored already; the claimed id either way. */
    private Mono<String> sendOnce(String executionId, CurrentUser user, String script, String lang, String langVersion,
                                  Priority priority) {
        return send(executionId, user, script, lang, langVersion, priority)
                .onErrorResume(AggregateStreamCreationException.class, stored -> Mono.just(executionId));
    }

    private Mono<String> send(String executionId, CurrentUser user, String script, String lang, String langVersion,
                              Priority priority) {
        return Blocking.call(settings::current)
                .map(limits -> new RequestExecution(executionId, user.id(), script, lang, langVersion, priority,
                        limits.maxTimeoutSeconds(), limits.memoryLimit(), limits.cpuLimit(), clock.instant()))
                .flatMap(command -> Mono.fromFuture(() -> commandGateway.<Object>send(command)))
                .thenReturn(executionId);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
