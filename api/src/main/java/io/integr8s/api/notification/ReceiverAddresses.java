package io.integr8s.api.notification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which addresses a webhook or Slack receiver may have: global unicast only. Refused are the special-purpose ranges
 * below (RFC 6890 and its successors), every IPv6 address outside global unicast {@code 2000::/3}, and every address
 * of this host's own network interfaces. IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64,
 * 6to4) are decided by that IPv4 address. {@code integr8s.notifications.outbound.allowed-addresses} (addresses or
 * CIDR ranges) lets an operator name on-premises receivers that would otherwise be refused.
 */
@Component
class ReceiverAddresses {

    /** Special-purpose IPv4 ranges, with what they are; 240.0.0.0/4 includes the broadcast 255.255.255.255. */
    private static final Map<AddressRange, String> IPV4 = ranges(Map.ofEntries(
            Map.entry("0.0.0.0/8", "unspecified ('this network')"),
            Map.entry("10.0.0.0/8", "private"),
            Map.entry("100.64.0.0/10", "carrier-grade NAT"),
            Map.entry("127.0.0.0/8", "loopback"),
            Map.entry("169.254.0.0/16", "link-local (cloud metadata)"),
            Map.entry("172.16.0.0/12", "private"),
            Map.entry("192.0.0.0/24", "IETF protocol assignments"),
            Map.entry("192.0.2.0/24", "documentation"),
            Map.entry("192.88.99.0/24", "6to4 relay anycast"),
            Map.entry("192.168.0.0/16", "private"),
            Map.entry("198.18.0.0/15", "benchmarking"),
            Map.entry("198.51.100.0/24", "documentation"),
            Map.entry("203.0.113.0/24", "documentation"),
            Map.entry("224.0.0.0/4", "multicast"),
            Map.entry("240.0.0.0/4", "reserved or broadcast")));

    /** Special-purpose IPv6 ranges; anything outside 2000::/3 is refused as well (see {@link #refusal}). */
    private static final Map<AddressRange, String> IPV6 = ranges(Map.ofEntries(
            Map.entry("::/128", "unspecified"),
            Map.entry("::1/128", "loopback"),
            Map.entry("100::/64", "discard-only"),
            Map.entry("fc00::/7", "unique-local"),
            Map.entry("fe80::/10", "link-local"),
            Map.entry("fec0::/10", "site-local"),
            Map.entry("ff00::/8", "multicast"),
            Map.entry("2001::/32", "Teredo"),
            Map.entry("2001:db8::/32", "documentation"),
            Map.entry("2001:2::/48", "benchmarking"),
            Map.entry("2001:10::/28", "ORCHID")));

    private static final AddressRange GLOBAL_UNICAST_V6 = AddressRange.parse("2000::/3");
    /** IPv6 forms whose last four bytes are an IPv4 address; 6to4 (2002::/16) holds it in bytes 2 to 5. */
    private static final List<AddressRange> EMBEDDING_V4 = Stream.of("::ffff:0:0/96", "::/96", "64:ff9b::/96")
            .map(AddressRange::parse).toList();
    private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

    private final List<AddressRange> allowed;
    private final Supplier<Stream<InetAddress>> ownAddresses;

    @Autowired
    ReceiverAddresses(NotificationProperties properties) {
        this(properties.outbound().allowedRanges(), ReceiverAddresses::interfaceAddresses);
    }

    ReceiverAddresses(List<AddressRange> allowed, Supplier<Stream<InetAddress>> ownAddresses) {
        this.allowed = List.copyOf(allowed);
        this.ownAddresses = ownAddresses;
    }

    /** Why a receiver may not be at this address (e.g. "loopback (127.0.0.0/8)"); empty when it may. */
    Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            Optional<InetAddress> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return refusal(embedded.get()).map(why -> why + " inside the IPv6 address " + address.getHostAddress());
            }
        }
        Optional<String> special = special(bytes.length == 4 ? IPV4 : IPV6, bytes);
        if (special.isPresent()) {
            return special;
        }
        if (bytes.length == 16 && !GLOBAL_UNICAST_V6.contains(bytes)) {
            return Optional.of("not global unicast (outside 2000::/3)");
        }
        if (ownAddresses.get().anyMatch(own -> Arrays.equals(own.getAddress(), bytes))) {
            return Optional.of("an address of this host");
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> embeddedIpv4(byte[] ipv6) {
        boolean unspecifiedOrLoopback = IPV6.keySet().stream()
                .anyMatch(range -> range.prefixLength() == 128 && range.contains(ipv6));
        if (!unspecifiedOrLoopback && EMBEDDING_V4.stream().anyMatch(range -> range.contains(ipv6))) {
            return Optional.of(AddressRange.lastFourBytes(ipv6));
        }
        if (SIX_TO_FOUR.contains(ipv6)) {
            byte[] shifted = new byte[16];
            System.arraycopy(ipv6, 2, shifted, 12, 4);
            return Optional.of(AddressRange.lastFourBytes(shifted));
        }
        return Optional.empty();
    }

    private static Optional<String> special(Map<AddressRange, String> ranges, byte[] address) {
        return ranges.entrySet().stream().filter(range -> range.getKey().contains(address))
                .max((a, b) -> Integer.compare(a.getKey().prefixLength(), b.getKey().prefixLength()))
                .map(range -> range.getValue() + " (" + range.getKey() + ")");
    }

    private static Map<AddressRange, String> ranges(Map<String, String> byText) {
        return byText.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> AddressRange.parse(entry.getKey()), Map.Entry::getValue));
    }

    /** Every address of every interface of this host, read from the interfaces (nothing is connected). */
    private static Stream<InetAddress> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses);
        } catch (SocketException e) {
            throw new IllegalStateException("The network interfaces of this host cannot be read (" + e.getMessage()
                    + "), so a receiver cannot be checked against them", e);
        }
    }
}
