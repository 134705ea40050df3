package io.integr8s.infra.embedded;

import java.nio.file.Path;

/** Run in a second JVM by {@link HomeLockTest}: tries to take the lock of the home given as argument. */
public final class HomeLockProbe {

    public static void main(String[] args) throws Exception {
        try (HomeLock ignored = HomeLock.acquire(Path.of(args[0]))) {
            System.out.println("ACQUIRED");
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
