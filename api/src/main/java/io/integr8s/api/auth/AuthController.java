package io.integr8s.api.auth;

import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.user.NewUser;
import io.integr8s.api.user.UserAccount;
import io.integr8s.api.user.UserAccounts;
import io.integr8s.api.user.UserDirectory;
import io.integr8s.api.user.UserResponse;
import io.integr8s.api.user.UserViews;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.ApiValidationException;
import io.integr8s.api.web.Blocking;
import io.integr8s.command.user.api.UserRole;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/** Sign-in, registration, the current profile and sign-out (API.md, "Sessions and CSRF"). */
@RestController
class AuthController {

    private final UserDirectory directory;
    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final LoginLockout lockout;
    private final SessionTokens tokens;
    private final SessionCookies cookies;
    private final AuthPolicySource policy;
    private final CurrentUserResolver users;
    private final UserViews views;
    private final String unknownUserHash;
    private final boolean demoUsers;

    AuthController(UserDirectory directory, UserAccounts accounts, PasswordEncoder passwords, LoginLockout lockout,
                   SessionTokens tokens, SessionCookies cookies, AuthPolicySource policy, CurrentUserResolver users,
                   UserViews views, @Value("${integr8s.demo-users:false}") boolean demoUsers) {
        this.directory = directory;
        this.accounts = accounts;
        this.passwords = passwords;
        this.lockout = lockout;
        this.tokens = tokens;
        this.cookies = cookies;
        this.policy = policy;
        this.users = users;
        this.views = views;
        this.demoUsers = demoUsers;
        // compared against when the username is unknown, so both cases take the same time
        this.unknownUserHash = passwords.encode("integr8s-unknown-user");
    }

    @PostMapping(path = "/api/v1/auth/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<LoginResponse> login(ServerWebExchange exchange) {
        String address = ClientAddress.of(exchange.getRequest());
        return exchange.getFormData().flatMap(form -> {
            String username = required(form, "username");
            String password = required(form, "password");
            return Blocking.call(policy::current).flatMap(rules -> lockout
                    .lockedFor(username, address)
                    .flatMap(left -> Mono.<LoginResponse>error(locked(left)))
                    .switchIfEmpty(Mono.defer(() -> lockout.slowdownFor(username, rules)
                            .flatMap(wait -> wait.isZero() ? Mono.just(0L) : Mono.delay(wait))
                            .then(verify(username, password))
                            .flatMap(account -> lockout.signedIn(username, address).then(signIn(exchange, account, rules)))
                            .switchIfEmpty(Mono.defer(() -> lockout.recordFailure(username, address, rules)
                                    .flatMap(nowLocked -> nowLocked ? Mono.<LoginResponse>error(locked(rules.lockoutDuration()))
                                            : Mono.empty())
                                    .then(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "InvalidCredentialsError",
                                            "Invalid username or password"))))))));
        });
    }

    @PostMapping("/api/v1/auth/register")
    Mono<UserResponse> register(@RequestBody RegisterRequest request) {
        return accounts.register(new NewUser(request.username(), request.email(), request.password(), UserRole.USER, true), null)
                .flatMap(views::of);
    }

    @GetMapping("/api/v1/auth/me")
    Mono<UserResponse> me(ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> accounts.existing(user.id())).flatMap(views::of);
    }

    @PostMapping("/api/v1/auth/logout")
    Mono<MessageResponse> logout(ServerWebExchange exchange) {
        SessionAuthentication session = exchange.getAttribute(SessionAuthentication.class.getName());
        Mono<Void> revoke = session == null ? Mono.empty() : Mono.<Void>fromRunnable(
                () -> directory.endSession(session.sessionId())).subscribeOn(Schedulers.boundedElastic());
        return revoke.then(Mono.fromSupplier(() -> {
            cookies.clear(exchange.getRequest(), exchange.getResponse());
            return new MessageResponse("Logout successful");
        }));
    }

    /**
     * The account if the password matches; empty otherwise (unknown users cost the same hash comparison). A demo
     * account's public password counts only while demo accounts are switched on: a home that had them keeps the
     * accounts, but nobody signs in with {@code admin123} there.
     */
    private Mono<UserAccount> verify(String username, String password) {
        return Mono.fromCallable(() -> {
            Optional<UserAccount> account = directory.byUsername(username);
            boolean matches = passwords.matches(password, account.map(UserAccount::passwordHash).orElse(unknownUserHash))
                    && (demoUsers || !DemoUsers.isDemoPassword(username, password));
            return account.filter(found -> matches);
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(Mono::justOrEmpty).flatMap(account -> account.active()
                ? Mono.just(account)
                : Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "AccountDisabledError",
                        "This account is deactivated; ask an admin to reactivate it")));
    }

    /** The session is recorded before its token is handed out: a token whose session is not recorded is refused. */
    private Mono<LoginResponse> signIn(ServerWebExchange exchange, UserAccount account, AuthPolicy rules) {
        return Blocking.call(() -> {
            IssuedSession session = tokens.issue(account, rules.sessionTimeout());
            directory.recordSession(session.sessionId(), account.userId(), session.expiresAt());
            return session;
        }).map(session -> {
            cookies.set(exchange.getRequest(), exchange.getResponse(), session);
            return new LoginResponse("Login successful", account.username(), account.role(), session.csrfToken());
        });
    }

    private static ApiException locked(java.time.Duration left) {
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        return new ApiException(HttpStatus.LOCKED, "AccountLockedError", "Sign-in to this account from your address is "
                + "locked after too many failed attempts; try again in " + minutes + " minute(s) or ask an admin to unlock it");
    }

    private static String required(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        if (value == null || value.isEmpty()) {
            throw ApiValidationException.inBody(field, value, "Field required: send '" + field + "' form-encoded");
        }
        return value;
    }
}
