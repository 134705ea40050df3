package io.integr8s.api.web;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** CSV (RFC 4180) lines for exports: every cell quoted, free text that a spreadsheet would run as a formula defused. */
public final class CsvRow {

    private CsvRow() {
    }

    public static String of(String... cells) {
        return Stream.of(cells).map(cell -> cell == null ? "" : "\"" + cell.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(",")) + "\r\n";
    }

    /** Free text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
    public static String text(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
