package io.integr8s.command.settings;

import io.integr8s.command.settings.api.FieldChange;

import java.time.Instant;
import java.util.List;

/** One recorded change of a user's settings, as the aggregate keeps it to restore earlier states. */
record Revision(Instant at, List<FieldChange> changes) {
}
