package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerServiceTest {

    @TempDir
    Path home;

    /** Without this the JVM running the test would end here, and surefire would report a crashed fork. */
    @Test
    void aFatalFaultOfTheBrokerFailsLoudlyInsteadOfEndingTheProcess() throws Exception {
        KafkaBrokerService kafka = new KafkaBrokerService(home, new KafkaTopicProperties(), new HomeSecrets(home));
        kafka.start();
        try {
            assertThatThrownBy(() -> Exit.halt(1, "a fault of the test"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fatal fault").hasMessageContaining("a fault of the test");
            assertThatThrownBy(() -> Exit.exit(1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("status 1");
        } finally {
            kafka.stop();
        }
    }
}
