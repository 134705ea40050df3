package io.integr8s.api.notification;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/** The Redis pub/sub channel per user ({@code notifications:<userId>}) that carries in-app notifications to every instance. */
@Component
class NotificationTopics {

    private final RedissonClient redisson;

    NotificationTopics(RedissonClient redisson) {
        this.redisson = redisson;
    }

    RTopic of(String userId) {
        return redisson.getTopic("notifications:" + userId, StringCodec.INSTANCE);
    }
}
