package io.integr8s.api.notification;

/** A receiver URL that may not be posted to; the message says why and what to do. */
class ReceiverRefusedException extends RuntimeException {

    ReceiverRefusedException(String message) {
        super(message);
    }
}
