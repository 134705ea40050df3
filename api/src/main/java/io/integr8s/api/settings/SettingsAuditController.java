package io.integr8s.api.settings;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.UserAccounts;
import io.integr8s.api.web.ApiValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The auditors' view of any user's settings history, with who changed what and why, as JSON or streamed CSV, and its
 * verification against the event store. Admins only, by the security path rule on {@code /api/v1/admin/**}.
 */
@RestController
@RequestMapping("/api/v1/admin/audit/settings/{user_id}")
public class SettingsAuditController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final UserSettingsStore store;
    private final SettingsVerifier verifier;
    private final UserAccounts accounts;

    SettingsAuditController(UserSettingsStore store, SettingsVerifier verifier, UserAccounts accounts) {
        this.store = store;
        this.verifier = verifier;
        this.accounts = accounts;
    }

    /** One history entry with everything an auditor needs; the values as JSON values. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditEntry(long sequence, int index, Instant timestamp, String eventType, String field, Object oldValue,
                      Object newValue, String changedBy, String reason, Instant restoredFrom, String hash) {

        static AuditEntry of(SettingsHistoryEntry entry) {
            return new AuditEntry(entry.sequence(), entry.index(), entry.timestamp(), SettingsHistoryEntry.EVENT_TYPE,
                    entry.field(), SettingsHistoryEntry.value(entry.oldValue()),
                    SettingsHistoryEntry.value(entry.newValue()), entry.changedBy(), entry.reason(),
                    entry.restoredFrom(), entry.hash());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditView(String userId, List<AuditEntry> entries, int total) {
    }

    /**
     * @param field a field's wire name ({@code editor.font_size}) or a group ({@code editor}); none = every field
     */
    @GetMapping
    public Mono<AuditView> history(@PathVariable("user_id") String userId,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String field,
                                   @RequestParam(defaultValue = "json") String format) {
        if (!format.equals("json")) {
            return Mono.error(new ApiValidationException("format", format, "format must be json or csv"));
        }
        Flux<SettingsHistoryEntry> entries = entries(userId, from, to, field);
        return accounts.existing(userId).thenMany(entries).map(AuditEntry::of).collectList()
                .map(list -> new AuditView(userId, list, list.size()));
    }

    /** The same entries as CSV, streamed from the database cursor, with a header row. */
    @GetMapping(params = "format=csv")
    public ResponseEntity<Flux<String>> csv(@PathVariable("user_id") String userId,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String field) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"settings-audit.csv\"")
                .body(accounts.existing(userId).thenReturn(SettingsCsv.HEADER)
                        .concatWith(entries(userId, from, to, field).map(SettingsCsv::line)));
    }

    /** The user's entries within the filter, oldest first (422 at once for a bad time). */
    private Flux<SettingsHistoryEntry> entries(String userId, String from, String to, String field) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        return Flux.using(() -> store.audit(userId, since, until, field), Flux::fromStream, Stream::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/verify")
    public Mono<SettingsVerification> verify(@PathVariable("user_id") String userId) {
        return accounts.existing(userId).publishOn(Schedulers.boundedElastic()).map(account -> verifier.verify(userId));
    }

    private static Instant instant(String parameter, String text) {
        if (text == null) {
            return null;
        }
        Instant instant = UserSettingsController.parse(text);
        if (instant == null) {
            throw new ApiValidationException(parameter, text, parameter + " must be an ISO 8601 date and time, e.g. "
                    + "2026-01-31T12:00:00Z (UTC when it has no offset)");
        }
        return instant;
    }
}
