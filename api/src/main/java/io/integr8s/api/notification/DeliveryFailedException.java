package io.integr8s.api.notification;

/** A receiver did not take a notification after {@code attempts} attempts; the event goes to the dead-letter queue. */
class DeliveryFailedException extends RuntimeException {

    private final int attempts;

    DeliveryFailedException(String message, int attempts) {
        super(message);
        this.attempts = attempts;
    }

    int attempts() {
        return attempts;
    }
}
