package io.integr8s.api.settings;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The audit view as CSV (RFC 4180): one line per history entry, every cell quoted. */
final class SettingsCsv {

    static final String HEADER = row("sequence", "index", "timestamp", "event_type", "field", "old_value", "new_value",
            "changed_by", "reason", "restored_from", "hash");

    private SettingsCsv() {
    }

    /** The entry's line; values as JSON text. */
    static String line(SettingsHistoryEntry entry) {
        return row(Long.toString(entry.sequence()), Integer.toString(entry.index()), entry.timestamp().toString(),
                SettingsHistoryEntry.EVENT_TYPE, entry.field(), entry.oldValue(), entry.newValue(), entry.changedBy(),
                text(entry.reason()), entry.restoredFrom() == null ? null : entry.restoredFrom().toString(),
                entry.hash());
    }

    /** Free text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
    private static String text(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String row(String... cells) {
        return Stream.of(cells).map(cell -> cell == null ? "" : "\"" + cell.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(",")) + "\r\n";
    }
}
