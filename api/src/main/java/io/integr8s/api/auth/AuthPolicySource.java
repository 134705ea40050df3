package io.integr8s.api.auth;

/** Where the sign-in rules come from (configuration, or the system settings an admin set). */
@FunctionalInterface
public interface AuthPolicySource {

    AuthPolicy current();
}
