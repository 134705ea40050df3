package io.integr8s.replay;

/** The command line is wrong; the tool prints the message and the usage text, and exits with 2. */
public class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
