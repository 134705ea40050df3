package io.integr8s.api.notification;

import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which webhook and Slack URLs we post to. The contract's schemes ({@code https://} for a webhook,
 * {@code https://hooks.slack.com/} for Slack; {@code http://127.0.0.1} only with
 * {@code integr8s.notifications.outbound.allow-http-loopback}), and never an address inside our own network:
 * loopback, link-local (cloud metadata such as 169.254.169.254 included), private, carrier-grade NAT, unique-local,
 * wildcard or multicast, unless {@code integr8s.notifications.outbound.allowed-addresses} names it. Checked when a
 * subscription is saved and again before every post (a host name may resolve elsewhere by then).
 */
@Component
public class ReceiverUrlPolicy {

    private static final String WEBHOOK_SCHEME = "https://";
    private static final String SLACK_PREFIX = "https://hooks.slack.com/";
    private static final String HTTP_LOOPBACK = "http://127.0.0.1";

    private final NotificationProperties.Outbound outbound;

    public ReceiverUrlPolicy(NotificationProperties properties) {
        this.outbound = properties.outbound();
    }

    /** Why this URL is refused for the channel, as a message saying what to do; empty when it may be used. */
    public Optional<String> refusal(NotificationChannel channel, String url) {
        Optional<String> scheme = schemeRefusal(channel, url);
        return scheme.isPresent() ? scheme : addressRefusal(url);
    }

    private Optional<String> schemeRefusal(NotificationChannel channel, String url) {
        if (outbound.allowHttpLoopback() && (url.startsWith(HTTP_LOOPBACK + ":") || url.startsWith(HTTP_LOOPBACK + "/"))) {
            return Optional.empty();
        }
        String required = channel == NotificationChannel.SLACK ? SLACK_PREFIX : WEBHOOK_SCHEME;
        return url.startsWith(required) ? Optional.empty()
                : Optional.of("The URL must start with " + required + "; give the receiver's " + required + " address");
    }

    private Optional<String> addressRefusal(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.of("The URL is not valid (" + e.getMessage() + "); give an absolute https URL");
        }
        if (host == null) {
            return Optional.of("The URL has no host; give an absolute https URL");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address) && !outbound.allowedAddresses().contains(address.getHostAddress())) {
                    return Optional.of("The host " + host + " resolves to the internal address "
                            + address.getHostAddress() + ", which receivers may not use; give a public receiver "
                            + "(an operator can allow the address in integr8s.notifications.outbound.allowed-addresses)");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("The host " + host + " cannot be resolved; check the URL");
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7 unique-local
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // 100.64.0.0/10 carrier-grade NAT
    }
}
