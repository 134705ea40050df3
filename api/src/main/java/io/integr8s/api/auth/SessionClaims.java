package io.integr8s.api.auth;

import java.time.Instant;

/** What a verified session token says: whose session, which one, and until when. */
record SessionClaims(String userId, String sessionId, int generation, Instant expiresAt) {
}
