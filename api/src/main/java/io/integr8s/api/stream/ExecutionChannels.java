package io.integr8s.api.stream;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/** The Redis pub/sub channel per execution that carries its live events to every API instance. */
@Component
public class ExecutionChannels {

    private final RedissonClient redisson;

    public ExecutionChannels(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public RTopic of(String executionId) {
        return redisson.getTopic("sse:exec:" + executionId, StringCodec.INSTANCE);
    }
}
