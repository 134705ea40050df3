package io.integr8s.replay.token;

import java.util.Map;
import java.util.stream.Collectors;

/** Where a processor's token stands, as far as an analyst needs to know. */
public sealed interface TokenPosition {

    String describe();

    /** No token yet (or a replay that has not handled its first event): the processor is at the start. */
    record NotStarted() implements TokenPosition {
        @Override
        public String describe() {
            return "start";
        }
    }

    /** A position in the event store: the highest global index handled, and how many lower ones are still open. */
    record EventIndex(long index, int gaps) implements TokenPosition {
        @Override
        public String describe() {
            return gaps == 0 ? Long.toString(index) : index + " (" + gaps + (gaps == 1 ? " gap)" : " gaps)");
        }
    }

    /** A reset processor re-handling events up to where it was reset. */
    record Replaying(TokenPosition current, TokenPosition resetAt) implements TokenPosition {
        @Override
        public String describe() {
            return "replay " + current.describe() + " (reset at " + resetAt.describe() + ")";
        }
    }

    /** A processor reading Kafka: the offset per topic-partition, in partition order; no event-store lag applies. */
    record KafkaOffsets(Map<String, Long> offsets) implements TokenPosition {
        @Override
        public String describe() {
            if (offsets.isEmpty()) {
                return "kafka (no offsets yet)";
            }
            return offsets.entrySet().stream().map(entry -> entry.getKey() + ":" + entry.getValue())
                    .collect(Collectors.joining(" ", "kafka ", ""));
        }
    }

    /** A token this tool does not read; shown by its type so nothing is silently hidden. */
    record Uninterpreted(String type, String reason) implements TokenPosition {
        @Override
        public String describe() {
            return type + " (" + reason + ")";
        }
    }
}
