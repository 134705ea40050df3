package io.integr8s.api.auth;

public record MessageResponse(String message) {
}
