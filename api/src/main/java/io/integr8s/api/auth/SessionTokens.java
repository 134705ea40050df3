package io.integr8s.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.integr8s.api.user.UserAccount;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies session tokens: HS256 JWTs naming the user, a random session id, and the user's session
 * generation (a password change starts a new one, ending older sessions).
 */
@Component
class SessionTokens {

    private static final String ISSUER = "integr8s";
    private static final String GENERATION = "gen";

    private final byte[] secret;
    private final CsrfTokens csrf;
    private final Clock clock;

    SessionTokens(SessionSecret secret, CsrfTokens csrf) {
        this.secret = secret.key();
        this.csrf = csrf;
        this.clock = Clock.systemUTC();
    }

    IssuedSession issue(UserAccount account, Duration lifetime) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        String sessionId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(account.userId()).jwtID(sessionId)
                .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt))
                .claim(GENERATION, account.sessionGeneration()).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return new IssuedSession(jwt.serialize(), sessionId, csrf.forSession(sessionId), expiresAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a session token; check integr8s.security.jwt-secret", e);
        }
    }

    /** The token's claims if its signature, issuer and expiry check out; empty for anything else. */
    Optional<SessionClaims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Long generation = claims.getLongClaim(GENERATION);
            if (!ISSUER.equals(claims.getIssuer()) || expiry == null || generation == null || claims.getSubject() == null
                    || claims.getJWTID() == null || !expiry.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new SessionClaims(claims.getSubject(), claims.getJWTID(), generation.intValue()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
