package io.integr8s.api.notification;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientSecurityUtils;
import reactor.netty.resources.ConnectionProvider;

import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Posts a signed JSON body to a checked {@link Receiver}: it connects to the receiver's checked address only
 * ({@link PinnedAddressResolverGroup}), with the URL's host as Host header and TLS server name and the certificate
 * checked against it; a timeout per attempt (connect, TLS, answer); {@code attempts} attempts with exponential
 * back-off between them; redirects not followed (a 3xx is a failed attempt: it could lead to an internal address).
 * Blocking: runs on the delivery pool ({@link ReceiverLanes}), never on an event loop or the processor's thread.
 */
@Component
class ReceiverPoster {

    private static final Logger log = LoggerFactory.getLogger(ReceiverPoster.class);

    private final NotificationProperties.Webhook webhook;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();

    @Autowired
    ReceiverPoster(NotificationProperties properties) {
        this(properties, null);
    }

    /** {@code trust}: the certificates receivers are checked against; null for the JDK's default trust store. */
    ReceiverPoster(NotificationProperties properties, TrustManagerFactory trust) {
        this.webhook = properties.webhook();
        Http11SslContextSpec tls = trust == null ? Http11SslContextSpec.forClient()
                : Http11SslContextSpec.forClient().configure(builder -> builder.trustManager(trust));
        // a new connection per post: a pooled one could have been opened to an address checked for another URL
        this.http = HttpClient.create(ConnectionProvider.newConnection())
                .followRedirect(false)
                .disableRetry(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(webhook.timeout().toMillis()))
                .responseTimeout(webhook.timeout())
                .secure(spec -> spec.sslContext(tls)
                        .handlerConfigurator(HttpClientSecurityUtils.HOSTNAME_VERIFICATION_CONFIGURER));
    }

    /** Attempts it took; throws {@link DeliveryFailedException} (with the attempts) when every one failed. */
    int post(Receiver receiver, String notificationId, String body) {
        Duration wait = webhook.backoff();
        String lastError = null;
        for (int attempt = 1; attempt <= webhook.attempts(); attempt++) {
            lastError = attempt(receiver, notificationId, body);
            if (lastError == null) {
                return attempt;
            }
            log.warn("Notification {} to {}: attempt {}/{} failed: {}", notificationId, receiver.uri(), attempt,
                    webhook.attempts(), lastError);
            if (attempt < webhook.attempts()) {
                sleep(wait);
                wait = Duration.ofMillis((long) (wait.toMillis() * webhook.multiplier()));
            }
        }
        throw new DeliveryFailedException("Notification " + notificationId + " was not taken by " + receiver.uri()
                + " after " + webhook.attempts() + " attempts (last: " + lastError + "); fix the receiver, then retry "
                + "the dead letter of processing group " + NotificationRecorder.PROCESSING_GROUP, webhook.attempts());
    }

    /** Null when the receiver took it; otherwise what went wrong. */
    private String attempt(Receiver receiver, String notificationId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        PinnedAddressResolverGroup resolver = new PinnedAddressResolverGroup(receiver);
        try {
            Integer status = http.resolver(resolver)
                    .headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .set(HttpHeaderNames.USER_AGENT, "integr8s-notifications")
                            .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                            .set("X-Integr8s-Notification-Id", notificationId)
                            .set(WebhookSignature.HEADER, WebhookSignature.header(webhook.signingSecret(),
                                    clock.instant().getEpochSecond(), body)))
                    .post().uri(receiver.uri())
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
                    .response().map(response -> response.status().code())
                    .timeout(webhook.timeout())
                    .block();
            return status != null && status / 100 == 2 ? null : "HTTP " + status;
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            if (cause instanceof TimeoutException) {
                return "no answer within " + webhook.timeout().toMillis() + " ms";
            }
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } finally {
            resolver.close();
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
