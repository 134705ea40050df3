package io.integr8s.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;

/** Read-model writes wait for a journaled majority, unless the connection string says otherwise. */
class MongoWriteConcernAutoConfigurationTest {

    @Test
    void withoutAWriteConcernInTheUriWritesWaitForAJournaledMajority() {
        assertThat(writeConcernFor("mongodb://db.example/integr8s")).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
    }

    @Test
    void aWriteConcernInTheUriIsLeftAlone() {
        assertThat(writeConcernFor("mongodb://db.example/integr8s?w=2")).isEqualTo(WriteConcern.ACKNOWLEDGED);
    }

    private static WriteConcern writeConcernFor(String uri) {
        MongoConnectionDetails connection = () -> new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        new MongoWriteConcernAutoConfiguration().journaledMajorityWriteConcern(connection).customize(settings);
        return settings.build().getWriteConcern();
    }
}
