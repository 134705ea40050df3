package io.integr8s.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The table bench/run prints: one row per figure, with its baseline and their ratio where one exists. */
final class Report {

    private record Row(String figure, String value, String baseline, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String figure, String value) {
        rows.add(new Row(figure, value, "", ""));
    }

    void add(String figure, String value, String baseline, double ratio) {
        rows.add(new Row(figure, value, baseline, String.format("%.2f×", ratio)));
    }

    void print(PrintStream out) {
        int figure = width(Row::figure, "figure");
        int value = width(Row::value, "value");
        int baseline = width(Row::baseline, "baseline");
        String format = "| %-" + figure + "s | %-" + value + "s | %-" + baseline + "s | %-6s |%n";
        out.printf(format, "figure", "value", "baseline", "ratio");
        out.printf(format, "-".repeat(figure), "-".repeat(value), "-".repeat(baseline), "-".repeat(6));
        rows.forEach(row -> out.printf(format, row.figure(), row.value(), row.baseline(), row.ratio()));
    }

    private int width(java.util.function.Function<Row, String> column, String header) {
        return Math.max(header.length(), rows.stream().mapToInt(row -> column.apply(row).length()).max().orElse(0));
    }
}
