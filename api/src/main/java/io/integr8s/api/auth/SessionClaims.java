package io.integr8s.api.auth;

/** What a verified session token says: whose session, which one, and its user's session generation. */
record SessionClaims(String userId, String sessionId, int generation) {
}
