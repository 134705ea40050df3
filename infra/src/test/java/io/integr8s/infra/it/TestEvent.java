package io.integr8s.infra.it;

import java.time.Instant;

public record TestEvent(String id, String text, Instant at) {
}
