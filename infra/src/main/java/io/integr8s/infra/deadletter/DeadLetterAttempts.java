package io.integr8s.infra.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Axon's default enqueue policy (every failure is parked, its message truncated) that also counts, in the letter's
 * diagnostics, how often handling the event failed: 1 when it is parked, one more after each failed retry. Letters
 * parked only because an earlier one of their sequence waits were never attempted: 0.
 */
public final class DeadLetterAttempts implements EnqueuePolicy<EventMessage<?>> {

    public static final String KEY = "attempts";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        return Decisions.enqueue(ThrowableCause.truncated(cause),
                failed -> failed.diagnostics().and(KEY, of(failed) + 1));
    }

    /** How often handling the letter's event failed. */
    public static int of(DeadLetter<?> letter) {
        Object attempts = letter.diagnostics().get(KEY);
        return attempts instanceof Number number ? number.intValue() : 0;
    }
}
