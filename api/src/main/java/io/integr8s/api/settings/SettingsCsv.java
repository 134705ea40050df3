package io.integr8s.api.settings;

import io.integr8s.api.web.CsvRow;

/** The audit view as CSV (RFC 4180): one line per history entry, every cell quoted. */
final class SettingsCsv {

    static final String HEADER = CsvRow.of("sequence", "index", "timestamp", "event_type", "field", "old_value", "new_value",
            "changed_by", "reason", "restored_from", "hash");

    private SettingsCsv() {
    }

    /** The entry's line; values as JSON text. */
    static String line(SettingsHistoryEntry entry) {
        return CsvRow.of(Long.toString(entry.sequence()), Integer.toString(entry.index()), entry.timestamp().toString(),
                SettingsHistoryEntry.EVENT_TYPE, entry.field(), entry.oldValue(), entry.newValue(), entry.changedBy(),
                CsvRow.text(entry.reason()), entry.restoredFrom() == null ? null : entry.restoredFrom().toString(),
                entry.hash());
    }
}
