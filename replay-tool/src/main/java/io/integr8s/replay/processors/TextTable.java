package io.integr8s.replay.processors;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header row, columns padded to their widest cell, two spaces apart. */
final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    void add(String... cells) {
        rows.add(List.of(cells));
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (List<String> row : allRows()) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(String.format("%-" + widths[column] + "s  ", row.get(column)));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>(List.of(headers));
        all.addAll(rows);
        return all;
    }
}
