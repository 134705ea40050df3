package io.integr8s.api.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.ApiValidationException;
import io.integr8s.api.web.Blocking;
import io.integr8s.api.web.CsvRow;
import io.integr8s.command.eventdeletion.api.DeleteStoredEvent;
import io.integr8s.command.eventdeletion.api.EventAlreadyDeleted;
import io.integr8s.command.eventdeletion.api.StoredEventDeleted;
import org.axonframework.commandhandling.gateway.CommandGateway;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The admins' view of the event store (contract: admin-events): browse, statistics, streamed export, one event with
 * the events around it, and deletion as a tombstone. Admins only, by the security path rule on
 * {@code /api/v1/admin/**}. Replays are in {@code io.integr8s.api.replay}.
 */
@RestController
@Validated
@RequestMapping("/api/v1/admin/events")
class AdminEventsController {

    private static final int MAX_EXPORT = 50_000;
    private static final int EXPORT_BATCH = 500;
    private static final int AROUND_LIMIT = 100;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final String CSV_HEADER = CsvRow.of("event_id", "event_type", "timestamp", "aggregate_id",
            "sequence", "user_id", "correlation_id", "event");

    private final StoredEvents events;
    private final EventViews views;
    private final EventStatistics statistics;
    private final CommandGateway commands;
    private final CurrentUserResolver users;
    private final Clock clock = Clock.systemUTC();

    AdminEventsController(StoredEvents events, EventViews views, EventStatistics statistics, CommandGateway commands,
                          CurrentUserResolver users) {
        this.events = events;
        this.views = views;
        this.statistics = statistics;
        this.commands = commands;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BrowseResponse(List<Map<String, Object>> events, long total, int skip, int limit) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DetailResponse(Map<String, Object> event, List<EventViews.Summary> relatedEvents,
                          List<EventViews.Summary> timeline) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteResponse(String message, String eventId) {
    }

    @PostMapping("/browse")
    Mono<BrowseResponse> browse(@RequestBody EventRequests.BrowseRequest body) {
        EventRequests.BrowseRequest request = body.validated();
        EventFilter filter = request.filters().filter();
        return Blocking.call(() -> new BrowseResponse(
                events.page(filter, request.skipOrDefault(), request.limitOrDefault()).stream().map(views::full).toList(),
                events.count(filter, false), request.skipOrDefault(), request.limitOrDefault()));
    }

    @GetMapping("/stats")
    Mono<EventStatistics.Stats> stats(@RequestParam(defaultValue = "24") @Min(1) @Max(168) int hours) {
        return Blocking.call(() -> statistics.lastHours(hours));
    }

    /** Streamed in batches from the store as the client reads: never the whole result in memory. */
    @GetMapping("/export/{export_format}")
    ResponseEntity<Flux<String>> export(@PathVariable("export_format") String format,
                                        @RequestParam(name = "event_types", required = false) List<String> eventTypes,
                                        @RequestParam(name = "aggregate_id", required = false) String aggregateId,
                                        @RequestParam(name = "user_id", required = false) String userId,
                                        @RequestParam(name = "service_name", required = false) String serviceName,
                                        @RequestParam(name = "start_time", required = false)
                                        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant startTime,
                                        @RequestParam(name = "end_time", required = false)
                                        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant endTime,
                                        @RequestParam(defaultValue = "10000") @Min(1) @Max(MAX_EXPORT) int limit) {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new ApiValidationException("export_format", format, "export_format must be csv or json");
        }
        var violations = EventRequests.eventTypeViolations(List.of("query", "event_types"), eventTypes);
        if (!violations.isEmpty()) {
            throw new ApiBodyValidationException(violations);
        }
        EventFilter filter = new EventFilter(null, aggregateId, eventTypes, null, startTime, endTime, userId, serviceName, null, null);
        Flux<StoredEvent> rows = events.stream(filter, limit, EXPORT_BATCH);
        Flux<String> body = format.equals("csv")
                ? Flux.just(CSV_HEADER).concatWith(rows.map(this::csvLine))
                : Flux.just("[").concatWith(rows.index().map(row -> (row.getT1() == 0 ? "\n" : ",\n")
                        + views.json(views.full(row.getT2())))).concatWith(Flux.just("\n]\n"));
        return ResponseEntity.ok().contentType(format.equals("csv") ? CSV : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"events." + format + "\"")
                .body(body);
    }

    @GetMapping("/{event_id}")
    Mono<DetailResponse> detail(@PathVariable("event_id") String eventId) {
        return Blocking.call(() -> {
            StoredEvent event = events.byId(eventId).filter(found -> !found.deleted())
                    .orElseThrow(() -> notFound(eventId));
            List<EventViews.Summary> timeline = events.around(event, AROUND_LIMIT).stream().map(views::summary).toList();
            List<EventViews.Summary> related = timeline.stream()
                    .filter(summary -> !summary.eventId().equals(eventId)).toList();
            return new DetailResponse(views.full(event), related, timeline);
        });
    }

    /**
     * Records a tombstone ({@link StoredEventDeleted}) for the event: it stays in the append-only store, and every
     * admin view and replay leaves it out from then on. {@code reason} (optional) is kept with who and when.
     */
    @DeleteMapping("/{event_id}")
    Mono<DeleteResponse> delete(@PathVariable("event_id") String eventId,
                                @RequestParam(required = false) String reason, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(admin -> Blocking.call(() -> {
                    StoredEvent event = events.byId(eventId).orElseThrow(() -> notFound(eventId));
                    if (event.deleted()) {
                        throw alreadyDeleted(new EventAlreadyDeleted(eventId));
                    }
                    if (event.payloadType().equals(StoredEventDeleted.class.getName())) {
                        throw new ApiException(HttpStatus.CONFLICT, "EventDeletionConflictError", "Event '" + eventId
                                + "' records a deletion; deletions are the audit trail and cannot be deleted");
                    }
                    return new DeleteStoredEvent(eventId, event.aggregateId(), event.eventType(), admin.id(), reason,
                            clock.instant());
                }))
                .flatMap(command -> Mono.fromFuture(() -> commands.send(command)))
                .onErrorMap(EventAlreadyDeleted.class, AdminEventsController::alreadyDeleted)
                .thenReturn(new DeleteResponse("Event deleted; it stays in the event store behind a tombstone", eventId));
    }

    private String csvLine(StoredEvent event) {
        return CsvRow.of(event.eventId(), event.eventType(), event.timestamp().toString(), event.aggregateId(),
                Long.toString(event.sequence()), event.userId(), event.correlationId(),
                CsvRow.text(views.json(views.full(event))));
    }

    private static ApiException notFound(String eventId) {
        return new ApiException(HttpStatus.NOT_FOUND, "EventNotFoundError", "Event '" + eventId
                + "' not found; find event ids with POST /api/v1/admin/events/browse");
    }

    private static ApiException alreadyDeleted(Throwable deleted) {
        return new ApiException(HttpStatus.CONFLICT, "EventAlreadyDeletedError", deleted.getMessage());
    }
}
