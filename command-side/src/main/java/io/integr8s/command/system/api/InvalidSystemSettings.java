package io.integr8s.command.system.api;

import java.util.List;
import java.util.stream.Collectors;

/** Settings that break their bounds; every violation is listed, nothing was changed. */
public class InvalidSystemSettings extends RuntimeException {

    private final transient List<SettingViolation> violations;

    public InvalidSystemSettings(List<SettingViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<SettingViolation> violations() {
        return violations;
    }
}
