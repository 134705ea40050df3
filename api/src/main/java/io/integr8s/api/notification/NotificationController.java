package io.integr8s.api.notification;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.notification.NotificationStore.NotificationFilter;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.ApiValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A user's own notifications (contract: the "notifications" tag); someone else's is answered like a missing one. */
@RestController
public class NotificationController {

    private static final int MAX_LIMIT = 100;

    private final NotificationStore store;
    private final CurrentUserResolver users;
    private final Clock clock = Clock.systemUTC();

    public NotificationController(NotificationStore store, CurrentUserResolver users) {
        this.store = store;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NotificationListResponse(List<NotificationResponse> notifications, long total, long unreadCount) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UnreadCountResponse(long unreadCount) {
    }

    public record DeleteNotificationResponse(String message) {
    }

    @GetMapping("/api/v1/notifications")
    public Mono<NotificationListResponse> list(@RequestParam(required = false) String status,
                                               @RequestParam(name = "include_tags", required = false) List<String> includeTags,
                                               @RequestParam(name = "exclude_tags", required = false) List<String> excludeTags,
                                               @RequestParam(name = "tag_prefix", required = false) String tagPrefix,
                                               @RequestParam(defaultValue = "50") int limit,
                                               @RequestParam(defaultValue = "0") int offset,
                                               ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiValidationException("limit", limit, "limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new ApiValidationException("offset", offset, "offset must be 0 or more");
        }
        NotificationStatus wanted = status == null ? null : NotificationStatus.named(status).orElseThrow(() ->
                new ApiValidationException("status", status, "Unknown status '" + status + "'; use one of "
                        + List.of(NotificationStatus.values()).stream().map(NotificationStatus::wireName).toList()));
        NotificationFilter filter = new NotificationFilter(wanted, includeTags, excludeTags, tagPrefix);
        return users.resolve(exchange).flatMap(user -> Mono.zip(
                store.list(user.id(), filter, limit, offset).map(NotificationResponse::of).collectList(),
                store.count(user.id(), filter),
                store.unreadCount(user.id()))
                .map(page -> new NotificationListResponse(page.getT1(), page.getT2(), page.getT3())));
    }

    @GetMapping("/api/v1/notifications/unread-count")
    public Mono<UnreadCountResponse> unreadCount(ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> store.unreadCount(user.id())).map(UnreadCountResponse::new);
    }

    @PutMapping("/api/v1/notifications/{notificationId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> markRead(@PathVariable String notificationId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> store.markRead(user.id(), notificationId, now()))
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(notFound(notificationId)));
    }

    @PostMapping("/api/v1/notifications/mark-all-read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> markAllRead(ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> store.markAllRead(user.id(), now()));
    }

    @DeleteMapping("/api/v1/notifications/{notificationId}")
    public Mono<DeleteNotificationResponse> delete(@PathVariable String notificationId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> store.delete(user.id(), notificationId, now()))
                .flatMap(found -> found ? Mono.just(new DeleteNotificationResponse("Notification deleted"))
                        : Mono.error(notFound(notificationId)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException notFound(String notificationId) {
        return new ApiException(HttpStatus.NOT_FOUND, "NotificationNotFoundError",
                "Notification '" + notificationId + "' not found");
    }
}
