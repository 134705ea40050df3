package io.integr8s.api.script;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.CurrentUser;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A user's saved scripts (contract: the "scripts" tag). Each user sees and changes only their own; an admin may read
 * any one by id. Someone else's script is answered exactly like a missing one.
 */
@RestController
public class SavedScriptController {

    private static final String DEFAULT_LANG = "python";
    private static final String DEFAULT_LANG_VERSION = "3.11";

    private final SavedScriptStore store;
    private final SavedScriptRules rules;
    private final CurrentUserResolver users;
    private final Clock clock = Clock.systemUTC();

    public SavedScriptController(SavedScriptStore store, SavedScriptRules rules, CurrentUserResolver users) {
        this.store = store;
        this.rules = rules;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SavedScriptCreateRequest(String name, String script, String lang, String langVersion,
                                           String description) {
    }

    /** Fields left out (or null) stay as they are; {@code updated_at} is the server's to set and is ignored. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SavedScriptUpdate(String name, String script, String lang, String langVersion, String description,
                                    Instant updatedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SavedScriptResponse(String scriptId, String name, String script, String lang, String langVersion,
                                      String description, Instant createdAt, Instant updatedAt) {

        static SavedScriptResponse of(SavedScript saved) {
            return new SavedScriptResponse(saved.scriptId(), saved.name(), saved.script(), saved.lang(),
                    saved.langVersion(), saved.description(), saved.createdAt(), saved.updatedAt());
        }
    }

    public record SavedScriptListResponse(List<SavedScriptResponse> scripts) {
    }

    @GetMapping("/api/v1/scripts")
    public Mono<SavedScriptListResponse> list(ServerWebExchange exchange) {
        return users.resolve(exchange)
                .flatMap(user -> store.ownedBy(user.id()).map(SavedScriptResponse::of).collectList())
                .map(SavedScriptListResponse::new);
    }

    @PostMapping("/api/v1/scripts")
    public Mono<SavedScriptResponse> create(@RequestBody SavedScriptCreateRequest body, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> {
            Instant now = now();
            SavedScript script = new SavedScript(UUID.randomUUID().toString(), user.id(), body.name(), body.script(),
                    body.lang() == null ? DEFAULT_LANG : body.lang(),
                    body.langVersion() == null ? DEFAULT_LANG_VERSION : body.langVersion(),
                    body.description(), now, now);
            rules.check(script);
            return store.insert(script);
        }).map(SavedScriptResponse::of);
    }

    @GetMapping("/api/v1/scripts/{scriptId}")
    public Mono<SavedScriptResponse> get(@PathVariable String scriptId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> store.find(scriptId)
                        .filter(script -> user.mayAccessOwnedBy(script.ownerId())))
                .switchIfEmpty(Mono.error(() -> notFound(scriptId)))
                .map(SavedScriptResponse::of);
    }

    @PutMapping("/api/v1/scripts/{scriptId}")
    public Mono<SavedScriptResponse> update(@PathVariable String scriptId, @RequestBody SavedScriptUpdate body,
                                            ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> ownScript(user, scriptId).flatMap(current -> {
            SavedScript changed = new SavedScript(scriptId, current.ownerId(),
                    body.name() == null ? current.name() : body.name(),
                    body.script() == null ? current.script() : body.script(),
                    body.lang() == null ? current.lang() : body.lang(),
                    body.langVersion() == null ? current.langVersion() : body.langVersion(),
                    body.description() == null ? current.description() : body.description(),
                    current.createdAt(), now());
            rules.check(changed);
            return store.replace(changed).flatMap(replaced -> replaced ? Mono.just(changed) : Mono.error(notFound(scriptId)));
        })).map(SavedScriptResponse::of);
    }

    @DeleteMapping("/api/v1/scripts/{scriptId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String scriptId, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> store.delete(scriptId, user.id()))
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(notFound(scriptId)));
    }

    /** In the stored precision (MongoDB keeps milliseconds), so an answer equals every later read. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Mono<SavedScript> ownScript(CurrentUser user, String scriptId) {
        return store.find(scriptId).filter(script -> script.ownerId().equals(user.id()))
                .switchIfEmpty(Mono.error(() -> notFound(scriptId)));
    }

    private static ApiException notFound(String scriptId) {
        return new ApiException(HttpStatus.NOT_FOUND, "ScriptNotFoundError", "Script '" + scriptId + "' not found");
    }
}
