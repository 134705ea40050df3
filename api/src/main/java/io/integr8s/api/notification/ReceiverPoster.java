package io.integr8s.api.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts a signed JSON body to a webhook or Slack receiver: a timeout per attempt, {@code attempts} attempts with
 * exponential back-off between them, redirects not followed (they could lead to an internal address). Runs on the
 * notifications processor's thread; the processor waits for the outcome, so a notification's order is kept.
 */
@Component
class ReceiverPoster {

    private static final Logger log = LoggerFactory.getLogger(ReceiverPoster.class);

    private final NotificationProperties.Webhook webhook;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();

    ReceiverPoster(NotificationProperties properties) {
        this.webhook = properties.webhook();
        this.http = HttpClient.newBuilder().connectTimeout(webhook.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Attempts it took; throws {@link DeliveryFailedException} (with the attempts) when every one failed. */
    int post(String url, String notificationId, String body) {
        Duration wait = webhook.backoff();
        String lastError = null;
        for (int attempt = 1; attempt <= webhook.attempts(); attempt++) {
            lastError = attempt(url, notificationId, body);
            if (lastError == null) {
                return attempt;
            }
            log.warn("Notification {} to {}: attempt {}/{} failed: {}", notificationId, url, attempt,
                    webhook.attempts(), lastError);
            if (attempt < webhook.attempts()) {
                sleep(wait);
                wait = Duration.ofMillis((long) (wait.toMillis() * webhook.multiplier()));
            }
        }
        throw new DeliveryFailedException("Notification " + notificationId + " was not taken by " + url + " after "
                + webhook.attempts() + " attempts (last: " + lastError + "); fix the receiver, then retry the "
                + "dead letter of processing group " + NotificationRecorder.PROCESSING_GROUP, webhook.attempts());
    }

    /** Null when the receiver took it; otherwise what went wrong. */
    private String attempt(String url, String notificationId, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(webhook.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "integr8s-notifications")
                .header("X-Integr8s-Notification-Id", notificationId)
                .header(WebhookSignature.HEADER,
                        WebhookSignature.header(webhook.signingSecret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
