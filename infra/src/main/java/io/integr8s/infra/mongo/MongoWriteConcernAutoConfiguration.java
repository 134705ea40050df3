package io.integr8s.infra.mongo;

import com.mongodb.WriteConcern;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Read-model writes are acknowledged only once a majority of the replica set has them in its journal, unless the
 * connection string names a write concern of its own. The driver's default leaves it to the server, which for a
 * standalone mongod is {@code w:1} unjournaled: a write it acknowledged can vanish in a crash while the processor's
 * token, committed in PostgreSQL, has moved past it (ADR 0016). The embedded Mongo-wire server ignores the write
 * concern and writes every change to its file before replying.
 */
@AutoConfiguration
@ConditionalOnClass(MongoClientSettingsBuilderCustomizer.class)
public class MongoWriteConcernAutoConfiguration {

    static final WriteConcern DURABLE = WriteConcern.MAJORITY.withJournal(true);

    @Bean
    MongoClientSettingsBuilderCustomizer journaledMajorityWriteConcern(MongoConnectionDetails connection) {
        return settings -> {
            if (connection.getConnectionString().getWriteConcern() == null) {
                settings.writeConcern(DURABLE);
            }
        };
    }
}
