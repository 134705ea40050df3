package io.integr8s.api.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code integr8s.user-settings}.
 *
 * @param snapshotThreshold a {@code UserSettings} aggregate is snapshotted after this many events since its last
 *                          snapshot, so a long history loads from the snapshot and the events after it
 */
@ConfigurationProperties(prefix = "integr8s.user-settings")
public record UserSettingsProperties(@DefaultValue("50") int snapshotThreshold) {

    public UserSettingsProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("integr8s.user-settings.snapshot-threshold must be at least 1, e.g. 50");
        }
    }
}
