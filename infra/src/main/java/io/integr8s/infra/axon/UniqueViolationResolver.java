package io.integr8s.infra.axon;

import java.sql.SQLException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * PostgreSQL's unique violation (SQLState {@value #UNIQUE_VIOLATION}) anywhere in the cause chain. Axon's default
 * resolver goes by vendor error codes, which the PostgreSQL driver leaves at 0, so a second first event of an
 * aggregate surfaced as a bare EventStoreException instead of {@code AggregateStreamCreationException} (and a
 * conflicting append instead of {@code ConcurrencyException}); the idempotent submission relies on the former.
 */
final class UniqueViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
