package io.integr8s.command.settings.api;

import io.integr8s.command.system.api.SettingViolation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Settings that break their rules; every violation is listed (its field is the wire name, nested ones with a dot:
 * {@code editor.font_size}), nothing was changed.
 */
public class InvalidUserSettings extends RuntimeException {

    private final transient List<SettingViolation> violations;

    public InvalidUserSettings(List<SettingViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<SettingViolation> violations() {
        return violations;
    }
}
