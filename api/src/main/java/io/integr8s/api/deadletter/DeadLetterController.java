package io.integr8s.api.deadletter;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.Blocking;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Admins inspect and repair the dead-letter queues (our addition to the contract; README "Dead letters"): list the
 * groups and their letters with cause, retry one sequence or all of a group, evict one letter.
 */
@RestController
@Validated
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GroupsResponse(List<DeadLetters.GroupSummary> processingGroups) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SequenceRetried(String processingGroup, String sequenceIdentifier, boolean processed) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Evicted(String processingGroup, String deadLetterId, boolean evicted) {
    }

    @GetMapping("/")
    Mono<GroupsResponse> groups() {
        return Blocking.call(() -> new GroupsResponse(deadLetters.summary()));
    }

    @GetMapping("/{group}")
    Mono<DeadLetters.Listing> list(@PathVariable String group,
                                   @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Blocking.call(() -> deadLetters.list(group, limit));
    }

    @PostMapping("/{group}/retry")
    Mono<DeadLetters.Retried> retryAll(@PathVariable String group) {
        return Blocking.call(() -> deadLetters.retryAll(group));
    }

    /** 409 when a letter of the sequence fails again: it stays parked, with the new cause and one attempt more. */
    @PostMapping("/{group}/sequences/{sequenceIdentifier}/retry")
    Mono<SequenceRetried> retrySequence(@PathVariable String group, @PathVariable String sequenceIdentifier) {
        return Blocking.call(() -> {
            if (!deadLetters.retrySequence(group, sequenceIdentifier)) {
                throw new ApiException(HttpStatus.CONFLICT, "DeadLetterRetryFailedError", "Sequence '"
                        + sequenceIdentifier + "' of group '" + group + "' failed again and stays parked; see its "
                        + "cause with GET /api/v1/admin/dead-letters/" + group + ", fix it, then retry");
            }
            return new SequenceRetried(group, sequenceIdentifier, true);
        });
    }

    @DeleteMapping("/{group}/letters/{deadLetterId}")
    Mono<Evicted> evict(@PathVariable String group, @PathVariable String deadLetterId) {
        return Blocking.call(() -> {
            deadLetters.evict(group, deadLetterId);
            return new Evicted(group, deadLetterId, true);
        });
    }
}
