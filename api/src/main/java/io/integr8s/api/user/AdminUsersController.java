package io.integr8s.api.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.auth.LoginLockout;
import io.integr8s.api.execution.ExecutionActivity;
import io.integr8s.api.ratelimit.RateLimitOverrides;
import io.integr8s.api.ratelimit.RateLimitSummary;
import io.integr8s.api.script.SavedScriptStore;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.ApiValidationException;
import io.integr8s.command.user.api.UserRole;
import io.integr8s.query.execution.ExecutionQueries;
import io.integr8s.query.execution.ExecutionStatusCounts;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuples;

import java.util.List;
import java.util.Map;

/** The admin user operations of the contract; admin-only by the security path rule for {@code /api/v1/admin/**}. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUsersController {

    private final UserDirectory directory;
    private final UserAccounts accounts;
    private final LoginLockout lockout;
    private final ExecutionQueries executions;
    private final ExecutionActivity activity;
    private final CurrentUserResolver users;
    private final UserViews views;
    private final RateLimitOverrides rateLimits;
    private final SavedScriptStore scripts;

    AdminUsersController(UserDirectory directory, UserAccounts accounts, LoginLockout lockout, ExecutionQueries executions,
                         ExecutionActivity activity, CurrentUserResolver users, UserViews views,
                         RateLimitOverrides rateLimits, SavedScriptStore scripts) {
        this.directory = directory;
        this.accounts = accounts;
        this.lockout = lockout;
        this.executions = executions;
        this.activity = activity;
        this.users = users;
        this.views = views;
        this.rateLimits = rateLimits;
        this.scripts = scripts;
    }

    @GetMapping("/")
    Mono<AdminUserRequests.UserList> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                          @RequestParam(defaultValue = "0") @Min(0) int offset,
                                          @RequestParam(required = false) String search,
                                          @RequestParam(required = false) String role) {
        UserRole roleFilter = parseRole(role);
        return Mono.fromCallable(() -> Tuples.of(directory.page(search, roleFilter, offset, limit),
                        directory.count(search, roleFilter)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> views.of(found.getT1())
                        .map(users -> new AdminUserRequests.UserList(users, found.getT2(), offset, limit)));
    }

    @PostMapping("/")
    Mono<UserResponse> create(@RequestBody AdminUserRequests.CreateUser request, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(admin -> accounts.register(request.asNewUser(), admin.id()))
                .flatMap(views::of);
    }

    @GetMapping("/{userId}")
    Mono<UserResponse> get(@PathVariable String userId) {
        return accounts.existing(userId).flatMap(views::of);
    }

    @PutMapping("/{userId}")
    Mono<UserResponse> update(@PathVariable String userId, @RequestBody AdminUserRequests.UpdateUser request,
                              ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(admin -> {
            boolean demotesSelf = request.role() != null && request.role() != UserRole.ADMIN;
            boolean deactivatesSelf = Boolean.FALSE.equals(request.isActive());
            if (admin.id().equals(userId) && (demotesSelf || deactivatesSelf)) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "InvalidOperationError",
                        "You cannot remove your own admin role or deactivate yourself; ask another admin"));
            }
            return accounts.update(userId, request.asChange(), admin.id());
        }).flatMap(views::of);
    }

    @DeleteMapping("/{userId}")
    Mono<AdminUserRequests.Deleted> delete(@PathVariable String userId,
                                           @RequestParam(defaultValue = "true") boolean cascade,
                                           ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(admin -> {
            if (admin.id().equals(userId)) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "InvalidOperationError",
                        "You cannot delete your own account; ask another admin"));
            }
            return accounts.existing(userId).flatMap(account -> (cascade ? executions.countByStatus(userId)
                            : Mono.just(new ExecutionStatusCounts(Map.of())))
                    .flatMap(counts -> accounts.delete(userId, admin.id(), "Deleted by an admin", cascade)
                            .then(lockout.unlock(account.username()))
                            .then(rateLimits.deleteFor(userId))
                            .then(cascade ? scripts.deleteAllOwnedBy(userId) : Mono.just(0L))
                            .map(deletedScripts -> new AdminUserRequests.Deleted(true, counts.total(), deletedScripts,
                                    0, 0, 0, 0))));
        });
    }

    @GetMapping("/{userId}/overview")
    Mono<Overview> overview(@PathVariable String userId) {
        return accounts.existing(userId).flatMap(account -> Mono.zip(views.of(account), activity.of(userId),
                        rateLimits.summaryOf(userId))
                .map(found -> new Overview(found.getT1(), found.getT2().stats(), found.getT2().derivedCounts(),
                        found.getT3(), found.getT2().recentEvents())));
    }

    @PostMapping("/{userId}/reset-password")
    Mono<AdminUserRequests.Message> resetPassword(@PathVariable String userId,
                                                  @RequestBody AdminUserRequests.PasswordReset request,
                                                  ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(admin -> accounts.changePassword(userId, request.newPassword(), admin.id()))
                .thenReturn(new AdminUserRequests.Message("Password reset; the user's sessions have ended"));
    }

    @PostMapping("/{userId}/unlock")
    Mono<AdminUserRequests.Unlocked> unlock(@PathVariable String userId) {
        return accounts.existing(userId).flatMap(account -> lockout.unlock(account.username()).defaultIfEmpty(false))
                .map(wasLocked -> new AdminUserRequests.Unlocked(userId,
                        wasLocked ? "Account unlocked; the user can sign in again" : "Account was not locked"));
    }

    private static UserRole parseRole(String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        try {
            return UserRole.fromWireName(role);
        } catch (IllegalArgumentException e) {
            throw new ApiValidationException("role", role, e.getMessage());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Overview(UserResponse user, ExecutionActivity.EventStatistics stats, ExecutionActivity.DerivedCounts derivedCounts,
                    RateLimitSummary rateLimitSummary, List<Map<String, Object>> recentEvents) {
    }
}
