package io.integr8s.replay.target;

import java.util.regex.Pattern;

/**
 * The PostgreSQL that holds Axon's tables, and where the tool learned about it ({@code origin}), so output and messages
 * say which instance they are about.
 */
public record DatabaseTarget(String jdbcUrl, String user, String password, String origin) {

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&]*");

    /** The url (any password in it masked) and its origin. */
    @Override
    public String toString() {
        return PASSWORD_IN_URL.matcher(jdbcUrl).replaceAll("$1***") + " (from " + origin + ")";
    }
}
