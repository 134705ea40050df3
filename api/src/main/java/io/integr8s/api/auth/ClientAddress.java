package io.integr8s.api.auth;

import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The client address sign-in failures are counted under: the connection's peer. Forwarded headers count only when
 * {@code server.forward-headers-strategy} is set (off by default), since any client can send them. An IPv6 client
 * counts by its /64, the block one host usually holds, so that it cannot pick a fresh address per attempt.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null) {
            return "unknown";
        }
        if (address instanceof Inet6Address) {
            byte[] block = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(block, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(block).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }
}
