package io.integr8s.api.replay;

import java.util.Set;

import static io.integr8s.api.replay.ReplayStatus.CANCELLED;
import static io.integr8s.api.replay.ReplayStatus.CREATED;
import static io.integr8s.api.replay.ReplayStatus.PAUSED;
import static io.integr8s.api.replay.ReplayStatus.RUNNING;

/** What an admin may do to a session, from which states, and where it leads. */
public enum ReplayTransition {
    START(Set.of(CREATED), RUNNING, "started"),
    PAUSE(Set.of(RUNNING), PAUSED, "paused"),
    RESUME(Set.of(PAUSED), RUNNING, "resumed"),
    CANCEL(Set.of(CREATED, RUNNING, PAUSED), CANCELLED, "cancelled");

    private final Set<ReplayStatus> from;
    private final ReplayStatus to;
    private final String done;

    ReplayTransition(Set<ReplayStatus> from, ReplayStatus to, String done) {
        this.from = from;
        this.to = to;
        this.done = done;
    }

    public Set<ReplayStatus> from() {
        return from;
    }

    public ReplayStatus to() {
        return to;
    }

    /** The message of a session this transition was applied to. */
    public String done() {
        return "Replay session " + done;
    }

    /** Why the transition does not apply to a session in {@code status}, saying what would. */
    public String refusal(String sessionId, ReplayStatus status) {
        String verb = name().toLowerCase(java.util.Locale.ROOT);
        return "Cannot " + verb + " replay session '" + sessionId + "': it is " + status.wire() + ", and only a "
                + String.join(" or ", from.stream().map(ReplayStatus::wire).sorted().toList()) + " session can be "
                + done + (status.terminal() ? "; it has ended, create a new session to replay again" : "");
    }
}
