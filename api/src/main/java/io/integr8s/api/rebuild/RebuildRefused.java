package io.integr8s.api.rebuild;

/** A rebuild or reset that cannot be requested; the message says why and what to do instead. */
public class RebuildRefused extends RuntimeException {

    public RebuildRefused(String message) {
        super(message);
    }
}
