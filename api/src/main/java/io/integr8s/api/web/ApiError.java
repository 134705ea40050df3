package io.integr8s.api.web;

/** The contract's error body: {@code {"detail": "...", "type": "..."}}. */
public record ApiError(String detail, String type) {
}
