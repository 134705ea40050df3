package io.integr8s.api.notification;

import java.net.InetAddress;
import java.net.URI;

/**
 * A receiver URL whose host was resolved once and whose address passed {@link ReceiverAddresses}: the post connects
 * to {@code address} and nowhere else, while Host header, TLS server name and certificate check use the URL's host.
 */
record Receiver(URI uri, InetAddress address) {

    String host() {
        return uri.getHost();
    }

    int port() {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
