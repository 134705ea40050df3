package io.integr8s.sagas.execution;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param deadlineGrace how long after its time limit an execution may still report a result before the saga's
 *                      durable deadline ends it as timed out (covers a lost executor)
 */
@ConfigurationProperties(prefix = "integr8s.saga")
public record ExecutionSagaProperties(@DefaultValue("10s") Duration deadlineGrace) {
}
