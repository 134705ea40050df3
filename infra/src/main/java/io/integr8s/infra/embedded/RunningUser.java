package io.integr8s.infra.embedded;

import com.sun.security.auth.module.UnixSystem;

/** The uid this JVM runs as. */
final class RunningUser {

    private RunningUser() {
    }

    static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
