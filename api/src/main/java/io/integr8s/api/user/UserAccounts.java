package io.integr8s.api.user;

import io.integr8s.api.auth.AuthPolicySource;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.ApiValidationException;
import io.integr8s.api.web.Blocking;
import io.integr8s.command.user.api.ChangePassword;
import io.integr8s.command.user.api.ChangeUserRole;
import io.integr8s.command.user.api.DeleteUser;
import io.integr8s.command.user.api.RegisterUser;
import io.integr8s.command.user.api.UpdateUserProfile;
import io.integr8s.command.user.api.UserRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Account changes, as commands to the {@code User} aggregate: checks what needs the directory (unique names, the
 * password policy), hashes passwords, and answers with the account as the directory now holds it.
 */
@Component
public class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,50}");
    /** No control characters or lone surrogates: the users table (PostgreSQL text) cannot hold a NUL. */
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{Cc}\\p{Cs}]{1,64}@[^@\\s\\p{Cc}\\p{Cs}]+\\.[^@\\s\\p{Cc}\\p{Cs}]+");

    private final CommandGateway commands;
    private final UserDirectory directory;
    private final PasswordEncoder passwords;
    private final AuthPolicySource policy;

    public UserAccounts(CommandGateway commands, UserDirectory directory, PasswordEncoder passwords, AuthPolicySource policy) {
        this.commands = commands;
        this.directory = directory;
        this.passwords = passwords;
        this.policy = policy;
    }

    /** Creates an account; {@code actorId} null means the new user registers themselves. */
    public Mono<UserAccount> register(NewUser user, String actorId) {
        return create(user, actorId, true);
    }

    /** Creates a demo account, whose well-known password predates any policy. */
    public Mono<UserAccount> seed(NewUser user) {
        return create(user, "system", false);
    }

    private Mono<UserAccount> create(NewUser user, String actorId, boolean enforcePasswordPolicy) {
        String userId = UUID.randomUUID().toString();
        return Blocking.call(() -> {
            checkUsername(user.username(), null);
            checkEmail(user.email(), null);
            if (enforcePasswordPolicy) {
                checkPassword(user.password());
            }
            return passwords.encode(user.password());
        }).flatMap(hash -> send(new RegisterUser(userId, user.username(), user.email(), hash, user.role(), user.active(),
                        actorId == null ? userId : actorId)))
                .then(existing(userId));
    }

    public Mono<UserAccount> update(String userId, ProfileChange change, String actorId) {
        return existing(userId).flatMap(account -> Blocking.call(() -> {
                    checkUsername(change.username(), account);
                    checkEmail(change.email(), account);
                    if (change.password() != null) {
                        checkPassword(change.password());
                        return passwords.encode(change.password());
                    }
                    return "";
                }))
                .flatMap(hash -> send(new UpdateUserProfile(userId, change.username(), change.email(), change.active(), actorId))
                        .then(send(new ChangeUserRole(userId, change.role(), actorId)))
                        .then(hash.isEmpty() ? Mono.empty() : send(new ChangePassword(userId, hash, actorId))))
                .then(existing(userId));
    }

    public Mono<Void> changePassword(String userId, String password, String actorId) {
        return existing(userId)
                .flatMap(account -> Blocking.call(() -> {
                    checkPassword(password);
                    return passwords.encode(password);
                }))
                .flatMap(hash -> send(new ChangePassword(userId, hash, actorId)));
    }

    public Mono<Void> delete(String userId, String actorId, String reason, boolean cascade) {
        return existing(userId).flatMap(account -> send(new DeleteUser(userId, actorId, reason, cascade)));
    }

    public Mono<UserAccount> existing(String userId) {
        return Blocking.call(() -> directory.byId(userId).orElseThrow(() -> notFound(userId)));
    }

    public static ApiException notFound(String userId) {
        return new ApiException(HttpStatus.NOT_FOUND, "UserNotFoundError", "User '" + userId + "' not found");
    }

    private void checkUsername(String username, UserAccount current) {
        if (username == null && current != null) {
            return;
        }
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiValidationException.inBody("username", username,
                    "Use 3 to 50 characters: letters, digits, '_', '.' or '-'");
        }
        directory.byUsername(username).filter(other -> current == null || !other.userId().equals(current.userId()))
                .ifPresent(taken -> {
                    throw conflict("Username '" + username + "' is already taken; choose another");
                });
    }

    private void checkEmail(String email, UserAccount current) {
        if (email == null && current != null) {
            return;
        }
        if (email == null || email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw ApiValidationException.inBody("email", email, "Send a valid e-mail address, like name@example.org");
        }
        directory.byEmail(email).filter(other -> current == null || !other.userId().equals(current.userId()))
                .ifPresent(taken -> {
                    throw conflict("E-mail address '" + email + "' is already registered; sign in or use another");
                });
    }

    private void checkPassword(String password) {
        int minimum = policy.current().passwordMinLength();
        if (password == null || password.codePointCount(0, password.length()) < minimum) {
            throw ApiValidationException.inBody("password", null, "The password needs at least " + minimum + " characters");
        }
        if (password.length() > 128) {
            throw ApiValidationException.inBody("password", null, "The password may have at most 128 characters");
        }
    }

    private Mono<Void> send(Object command) {
        return Mono.fromFuture(() -> commands.send(command)).then()
                .onErrorMap(UserRuleViolation.class, violation -> new ApiException(
                        "UserNotFoundError".equals(violation.type()) ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
                        violation.type(), violation.getMessage()))
                .onErrorMap(UserAccounts::isDuplicateKey, duplicate -> conflict(
                        "That username or e-mail address was taken a moment ago; choose another"));
    }

    private static boolean isDuplicateKey(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    private static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "ConflictError", message);
    }

}
