package io.integr8s.api.notification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Which webhook and Slack URLs we post to: the contract's schemes ({@code https://} for a webhook,
 * {@code https://hooks.slack.com/} for Slack; {@code http://127.0.0.1} only with
 * {@code integr8s.notifications.outbound.allow-http-loopback}), and a host whose every address is acceptable to
 * {@link ReceiverAddresses}. Checked when a subscription is saved ({@link #refusalOffTheEventLoop}) and again before
 * every post ({@link #receiver}), which resolves the host once and returns the address the post must connect to.
 */
@Component
public class ReceiverUrlPolicy {

    private static final String WEBHOOK_SCHEME = "https://";
    private static final String SLACK_PREFIX = "https://hooks.slack.com/";
    private static final String HTTP_LOOPBACK = "http://127.0.0.1";

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} outside tests. */
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final NotificationProperties.Outbound outbound;
    private final ReceiverAddresses addresses;
    private final HostResolver resolver;

    @Autowired
    ReceiverUrlPolicy(NotificationProperties properties, ReceiverAddresses addresses) {
        this(properties, addresses, InetAddress::getAllByName);
    }

    ReceiverUrlPolicy(NotificationProperties properties, ReceiverAddresses addresses, HostResolver resolver) {
        this.outbound = properties.outbound();
        this.addresses = addresses;
        this.resolver = resolver;
    }

    /**
     * Why this URL is refused for the channel, as a message saying what to do; empty when it may be used. The host
     * name is resolved on a bounded-elastic thread, never on the caller's (an event loop), within
     * {@code resolve-timeout}.
     */
    Mono<Optional<String>> refusalOffTheEventLoop(NotificationChannel channel, String url) {
        Duration timeout = outbound.resolveTimeout();
        return Mono.fromCallable(() -> refusal(channel, url)).subscribeOn(Schedulers.boundedElastic())
                .timeout(timeout)
                .onErrorResume(TimeoutException.class, e -> Mono.just(Optional.of("The host " + host(url)
                        + " did not resolve within " + timeout.toMillis() + " ms; check the URL")));
    }

    /** Blocking (resolves the host): the refusal of {@link #receiver}, empty when the URL may be used. */
    Optional<String> refusal(NotificationChannel channel, String url) {
        try {
            receiver(channel, url);
            return Optional.empty();
        } catch (ReceiverRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Blocking: resolves the URL's host once and checks every address it has (one refused address refuses the URL,
     * whichever a connection would pick); the receiver to post to, at the first address.
     *
     * @throws ReceiverRefusedException saying why and what to do
     */
    Receiver receiver(NotificationChannel channel, String url) {
        schemeRefusal(channel, url).ifPresent(message -> {
            throw new ReceiverRefusedException(message);
        });
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ReceiverRefusedException("The URL is not valid (" + e.getMessage()
                    + "); give an absolute https URL");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new ReceiverRefusedException("The URL has no host; give an absolute https URL");
        }
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ReceiverRefusedException("The host " + host + " cannot be resolved; check the URL");
        }
        for (InetAddress address : resolved) {
            addresses.refusal(address).ifPresent(why -> {
                throw new ReceiverRefusedException("The host " + host + " resolves to " + address.getHostAddress()
                        + ", " + why + ", which receivers may not use; give a public receiver (an operator can allow "
                        + "an on-premises one in integr8s.notifications.outbound.allowed-addresses)");
            });
        }
        return new Receiver(uri, resolved[0]);
    }

    private Optional<String> schemeRefusal(NotificationChannel channel, String url) {
        if (outbound.allowHttpLoopback() && isHttpLoopback(url)) {
            return Optional.empty();
        }
        String required = channel == NotificationChannel.SLACK ? SLACK_PREFIX : WEBHOOK_SCHEME;
        return url.startsWith(required) ? Optional.empty()
                : Optional.of("The URL must start with " + required + "; give the receiver's " + required + " address");
    }

    /** {@code http://127.0.0.1[:port]/…}, and really that host: not {@code http://127.0.0.1:x@elsewhere/}. */
    private static boolean isHttpLoopback(String url) {
        try {
            URI uri = URI.create(url);
            return (url.startsWith(HTTP_LOOPBACK + ":") || url.startsWith(HTTP_LOOPBACK + "/"))
                    && "127.0.0.1".equals(uri.getHost()) && uri.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
