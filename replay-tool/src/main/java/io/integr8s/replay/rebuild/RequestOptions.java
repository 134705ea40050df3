package io.integr8s.replay.rebuild;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.integr8s.replay.Arguments;
import io.integr8s.replay.UsageException;
import io.integr8s.replay.target.TargetResolver;

/** The options of the commands that ask the running integr8s to do something: {@code --dry-run}, {@code --wait}. */
final class RequestOptions {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private RequestOptions() {
    }

    static Set<String> with(String... more) {
        Set<String> options = new HashSet<>(TargetResolver.OPTIONS);
        options.add("dry-run");
        options.add("wait");
        options.addAll(Set.of(more));
        return Set.copyOf(options);
    }

    /** How long to wait for an instance to pick the request up ({@code --wait <seconds>}). */
    static Duration pickupWait(Arguments arguments) throws UsageException {
        String value = arguments.option("wait").orElse(null);
        if (value == null) {
            return DEFAULT_WAIT;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error
        }
        throw new UsageException("--wait takes a whole number of seconds above 0, got '" + value + "'");
    }
}
