package io.integr8s.api.auth;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * CSRF tokens bound to a session: HMAC-SHA256 of the session id under a key derived from the JWT secret, so a token
 * taken from another session (or made up) never matches.
 */
@Component
class CsrfTokens {

    private final SecretKeySpec key;

    CsrfTokens(SessionSecret secret) {
        byte[] derived = hmac(new SecretKeySpec(secret.key(), "HmacSHA256"),
                "integr8s-csrf-key");
        this.key = new SecretKeySpec(derived, "HmacSHA256");
    }

    String forSession(String sessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, "csrf|" + sessionId));
    }

    /** The header equals the cookie, and both are the token of this session (compared in constant time). */
    boolean isValid(String sessionId, String header, String cookie) {
        if (header == null || cookie == null) {
            return false;
        }
        byte[] expected = forSession(sessionId).getBytes(StandardCharsets.US_ASCII);
        byte[] sent = header.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(sent, cookie.getBytes(StandardCharsets.US_ASCII)) && MessageDigest.isEqual(expected, sent);
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
