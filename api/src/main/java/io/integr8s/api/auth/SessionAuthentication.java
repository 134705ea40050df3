package io.integr8s.api.auth;

import io.integr8s.api.user.CurrentUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;
import java.util.Locale;

/** An authenticated request: the user, their session, and whether the token came in the cookie (then CSRF applies). */
final class SessionAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;
    private final String sessionId;
    private final boolean fromCookie;

    SessionAuthentication(CurrentUser user, String sessionId, boolean fromCookie) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name().toUpperCase(Locale.ROOT))));
        this.user = user;
        this.sessionId = sessionId;
        this.fromCookie = fromCookie;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.id();
    }

    String sessionId() {
        return sessionId;
    }

    boolean fromCookie() {
        return fromCookie;
    }
}
