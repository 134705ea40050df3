package io.integr8s.api.rebuild;

import java.util.Locale;

/** What a request asks for: a blue/green rebuild of a projection, or a token reset of one processor. */
public enum RebuildKind {
    REBUILD, RESET;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RebuildKind of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
