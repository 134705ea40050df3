package io.integr8s.api.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** {@code integr8s.projection-rebuilds.*}: how instances pick up and drive rebuild and reset requests (ADR 0010). */
@ConfigurationProperties(prefix = "integr8s.projection-rebuilds")
public record RebuildProperties(@DefaultValue("500ms") Duration pollInterval,
                                @DefaultValue("15s") Duration lease,
                                @DefaultValue("1s") Duration generationCache,
                                @DefaultValue("2000") int batchSize,
                                @DefaultValue("60s") Duration haltTimeout) {
}
