package io.integr8s.api.auth;

import java.time.Instant;

/** A new session: its signed token, and the CSRF token bound to it. */
record IssuedSession(String token, String sessionId, String csrfToken, Instant expiresAt) {
}
