package io.integr8s.api.system;

import io.integr8s.api.user.CurrentUser;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.Blocking;
import io.integr8s.api.web.ValidationProblem;
import io.integr8s.command.system.api.InvalidSystemSettings;
import io.integr8s.command.system.api.ResetSystemSettings;
import io.integr8s.command.system.api.SystemSettingsValues;
import io.integr8s.command.system.api.UpdateSystemSettings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import static io.integr8s.command.system.api.SystemSettingsValues.AGGREGATE_ID;

/** The admin's system settings (contract: "admin-settings"); admins only, by the security configuration's path rule. */
@RestController
public class SystemSettingsController {

    private final CurrentSystemSettings settings;
    private final CommandGateway commandGateway;
    private final CurrentUserResolver users;
    private final Clock clock = Clock.systemUTC();

    public SystemSettingsController(CurrentSystemSettings settings, CommandGateway commandGateway,
                                    CurrentUserResolver users) {
        this.settings = settings;
        this.commandGateway = commandGateway;
        this.users = users;
    }

    @GetMapping("/api/v1/admin/settings/")
    public Mono<SystemSettingsBody> get() {
        return Blocking.call(settings::current).map(SystemSettingsBody::of);
    }

    @PutMapping("/api/v1/admin/settings/")
    public Mono<SystemSettingsBody> put(@RequestBody SystemSettingsBody body, ServerWebExchange exchange) {
        SystemSettingsValues wanted = body.withDefaults(settings.defaults());
        return change(exchange, admin -> new UpdateSystemSettings(AGGREGATE_ID, wanted, settings.defaults(), admin.id(),
                clock.instant()), wanted);
    }

    @PostMapping("/api/v1/admin/settings/reset")
    public Mono<SystemSettingsBody> reset(ServerWebExchange exchange) {
        return change(exchange, admin -> new ResetSystemSettings(AGGREGATE_ID, settings.defaults(), admin.id(),
                clock.instant()), settings.defaults());
    }

    /** Sends the change; once it returned, its event and the settings row are committed (SystemSettingsView). */
    private Mono<SystemSettingsBody> change(ServerWebExchange exchange, Function<CurrentUser, Object> command,
                                            SystemSettingsValues result) {
        return users.resolve(exchange)
                .flatMap(admin -> Mono.fromFuture(() -> commandGateway.send(command.apply(admin))))
                .thenReturn(SystemSettingsBody.of(result));
    }

    @ExceptionHandler(InvalidSystemSettings.class)
    ResponseEntity<ValidationProblem> invalid(InvalidSystemSettings e) {
        List<ValidationProblem.Violation> violations = e.violations().stream()
                .map(v -> new ValidationProblem.Violation("value_error", List.of("body", v.field()), v.message(),
                        v.input()))
                .toList();
        return ResponseEntity.unprocessableEntity().body(new ValidationProblem(violations));
    }
}
