package io.integr8s.api.settings;

import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ApiValidationException;
import io.integr8s.api.web.Blocking;
import io.integr8s.api.web.ValidationProblem;
import io.integr8s.command.settings.api.ChangeEditorSettings;
import io.integr8s.command.settings.api.ChangeNotificationPreferences;
import io.integr8s.command.settings.api.ChangeTheme;
import io.integr8s.command.settings.api.InvalidUserSettings;
import io.integr8s.command.settings.api.RestoreUserSettings;
import io.integr8s.command.settings.api.SetCustomSetting;
import io.integr8s.command.settings.api.UpdateUserSettings;
import io.integr8s.command.settings.api.UserSettingsValues;
import io.integr8s.command.system.api.SettingViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The authenticated user's settings (contract: "user-settings"). Each change is a command to the user's
 * {@code UserSettings} aggregate; its answer is read back from the read model, which committed with the change.
 */
@RestController
@RequestMapping("/api/v1/user/settings")
public class UserSettingsController {

    private static final int MAX_HISTORY = 200;
    /** The custom setting's rules are about its key, which is in the path. */
    private static final Function<SettingViolation, List<Object>> CUSTOM_KEY_IN_PATH = violation ->
            violation.field().equals("custom_settings") ? List.of("path", "key") : inBody("").apply(violation);

    private final UserSettingsStore store;
    private final CommandGateway commandGateway;
    private final CurrentUserResolver users;
    private final Clock clock = Clock.systemUTC();

    UserSettingsController(UserSettingsStore store, CommandGateway commandGateway, CurrentUserResolver users) {
        this.store = store;
        this.commandGateway = commandGateway;
        this.users = users;
    }

    /** Who changes what, at which time (milliseconds: what the history stores and a restore is given back). */
    private record Change(String userId, Instant at) {
    }

    @GetMapping("/")
    public Mono<SettingsBodies.Response> get(ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> Blocking.call(() -> current(user.id())));
    }

    @PutMapping("/")
    public Mono<SettingsBodies.Response> update(@RequestBody SettingsBodies.Update body, ServerWebExchange exchange) {
        return change(exchange, inBody(""), change -> new UpdateUserSettings(change.userId(), body.patch(), change.userId(),
                null, change.at()));
    }

    @PutMapping("/theme")
    public Mono<SettingsBodies.Response> theme(@RequestBody SettingsBodies.ThemeUpdate body, ServerWebExchange exchange) {
        return change(exchange, inBody(""), change -> new ChangeTheme(change.userId(), body.theme(), change.userId(), null,
                change.at()));
    }

    @PutMapping("/notifications")
    public Mono<SettingsBodies.Response> notifications(@RequestBody SettingsBodies.Notifications body,
                                                       ServerWebExchange exchange) {
        return change(exchange, inBody("notifications."), change -> new ChangeNotificationPreferences(change.userId(),
                body.preferences(), change.userId(), null, change.at()));
    }

    @PutMapping("/editor")
    public Mono<SettingsBodies.Response> editor(@RequestBody SettingsBodies.Editor body, ServerWebExchange exchange) {
        return change(exchange, inBody("editor."), change -> new ChangeEditorSettings(change.userId(), body.settings(),
                change.userId(), null, change.at()));
    }

    /** The body is the setting's value: a JSON object. */
    @PutMapping("/custom/{key}")
    public Mono<SettingsBodies.Response> custom(@PathVariable String key, @RequestBody Map<String, Object> value,
                                                ServerWebExchange exchange) {
        return change(exchange, CUSTOM_KEY_IN_PATH, change -> new SetCustomSetting(change.userId(), key, value, change.userId(), null,
                change.at()));
    }

    @GetMapping("/history")
    public Mono<SettingsBodies.History> history(@RequestParam(defaultValue = "50") int limit,
                                                ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_HISTORY) {
            return Mono.error(new ApiValidationException("limit", limit, "limit must be between 1 and " + MAX_HISTORY));
        }
        return users.resolve(exchange).flatMap(user -> Blocking.call(() -> new SettingsBodies.History(
                store.latest(user.id(), limit).stream().map(SettingsBodies.HistoryEntry::of).toList(), limit)));
    }

    @PostMapping("/restore")
    public Mono<SettingsBodies.Response> restore(@RequestBody SettingsBodies.Restore body, ServerWebExchange exchange) {
        Instant timestamp = parse(body.timestamp());
        if (timestamp == null) {
            return Mono.error(ApiValidationException.inBody("timestamp", body.timestamp(), "timestamp must be an "
                    + "ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z (UTC when it has no offset)"));
        }
        if (body.reason() != null && body.reason().indexOf('\0') >= 0) {
            return Mono.error(ApiValidationException.inBody("reason", body.reason(),
                    "reason cannot hold a NUL character; remove it"));
        }
        return change(exchange, inBody(""), change -> new RestoreUserSettings(change.userId(), timestamp, change.userId(),
                body.reason(), change.at()));
    }

    /** The instant {@code text} names, or null when it names none. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** Sends the user's change and answers their settings after it; {@code loc} places each broken rule. */
    private Mono<SettingsBodies.Response> change(ServerWebExchange exchange, Function<SettingViolation, List<Object>> loc,
                                                 Function<Change, Object> command) {
        return users.resolve(exchange).flatMap(user -> {
            Change change = new Change(user.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return Mono.fromFuture(() -> commandGateway.send(command.apply(change)))
                    .subscribeOn(Schedulers.boundedElastic())
                    .onErrorMap(InvalidUserSettings.class, e -> new ApiBodyValidationException(e.violations().stream()
                            .map(v -> new ValidationProblem.Violation("value_error", loc.apply(v), v.message(), v.input()))
                            .toList()))
                    .then(Blocking.call(() -> current(user.id())));
        });
    }

    private SettingsBodies.Response current(String userId) {
        return store.settings(userId)
                .map(s -> SettingsBodies.Response.of(userId, s.values(), s.version(), s.createdAt(), s.updatedAt()))
                .orElseGet(() -> {
                    // nothing stored until the first change: the defaults, as of now
                    Instant now = clock.instant();
                    return SettingsBodies.Response.of(userId, UserSettingsValues.DEFAULTS, 1, now, now);
                });
    }

    /**
     * Where a broken rule is in a body holding the fields that start with {@code group} ({@code editor.}): the
     * field's name without that prefix, one {@code loc} element per part ({@code ["body", "editor", "font_size"]}).
     */
    private static Function<SettingViolation, List<Object>> inBody(String group) {
        return violation -> {
            String field = violation.field().startsWith(group) ? violation.field().substring(group.length())
                    : violation.field();
            List<Object> loc = new ArrayList<>(List.of("body"));
            loc.addAll(List.of(field.split("\\.")));
            return loc;
        };
    }

}
