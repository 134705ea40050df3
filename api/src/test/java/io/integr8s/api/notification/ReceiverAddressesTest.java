package io.integr8s.api.notification;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The receiver address policy, decided per address: every special-purpose range is refused, public unicast is
 * allowed, IPv6 forms carrying an IPv4 address follow that address, the host's own addresses are refused and the
 * allow-list opens exact addresses and ranges. Only the decision is evaluated: nothing connects anywhere.
 */
class ReceiverAddressesTest {

    private final ReceiverAddresses policy = new ReceiverAddresses(List.of(), Stream::empty);

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1          | loopback
            127.255.255.254    | loopback
            ::1                | loopback
            0.0.0.0            | unspecified
            0.1.2.3            | unspecified
            ::                 | unspecified
            169.254.169.254    | link-local
            169.254.0.1        | link-local
            fe80::1            | link-local
            febf:ffff::1       | link-local
            10.0.0.1           | private
            10.255.255.255     | private
            172.16.0.1         | private
            172.31.255.254     | private
            192.168.1.1        | private
            fc00::1            | unique-local
            fd12:3456::1       | unique-local
            100.64.0.1         | carrier-grade NAT
            100.127.255.254    | carrier-grade NAT
            224.0.0.1          | multicast
            239.255.255.250    | multicast
            ff02::1            | multicast
            ff0e::1            | multicast
            240.0.0.1          | reserved
            255.255.255.255    | reserved or broadcast
            192.0.2.2          | documentation
            198.51.100.7       | documentation
            203.0.113.9        | documentation
            2001:db8::1        | documentation
            198.18.0.1         | benchmarking
            198.19.255.254     | benchmarking
            2001:2::1          | benchmarking
            192.0.0.8          | IETF protocol assignments
            192.88.99.1        | 6to4 relay
            2001::1            | Teredo
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo
            100::1             | discard-only
            fec0::1            | site-local
            2001:10::1         | ORCHID
            4000::1            | not global unicast
            """)
    void aSpecialPurposeAddressIsRefused(String address, String why) {
        assertThat(policy.refusal(ip(address))).get().asString().contains(why);
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"1.1.1.1", "8.8.4.4", "93.184.215.14", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "192.0.3.1", "198.17.255.255", "198.20.0.1", "223.255.255.254",
            "2606:4700:4700::1111", "2a00:1450:4001:81c::200e", "2001:4860:4860::8888", "2002:101:101::1",
            "64:ff9b::808:808"})
    void aPublicUnicastAddressIsAllowed(String address) {
        assertThat(policy.refusal(ip(address))).isEmpty();
    }

    @ParameterizedTest(name = "{0} is decided by the IPv4 address inside it: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ::ffff:7f00:1      | loopback
            ::ffff:a9fe:a9fe   | link-local
            ::ffff:c000:202    | documentation
            ::7f00:1           | loopback
            ::a00:1            | private
            64:ff9b::7f00:1    | loopback
            64:ff9b::a9fe:a9fe | link-local
            2002:7f00:1::1     | loopback
            2002:c0a8:101::1   | private
            """)
    void anIpv6FormOfAnIpv4AddressIsDecidedByThatAddress(String address, String why) throws UnknownHostException {
        // built as an Inet6Address: InetAddress.getByAddress would turn an IPv4-mapped one into an Inet4Address
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        InetAddress ipv6 = Inet6Address.getByAddress(null, bytes.length == 16 ? bytes : mapped(bytes), -1);
        assertThat(ipv6).isInstanceOf(Inet6Address.class);
        assertThat(policy.refusal(ipv6)).get().asString().contains(why);
    }

    @Test
    void theIpv4MappedFormOfAPublicAddressIsAllowed() throws UnknownHostException {
        InetAddress mapped = Inet6Address.getByAddress(null, mapped(new byte[]{1, 1, 1, 1}), -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(policy.refusal(mapped)).isEmpty();
    }

    @Test
    void everyAddressOfThisHostsInterfacesIsRefused() throws Exception {
        ReceiverAddresses withInterfaces = new ReceiverAddresses(new NotificationProperties(null,
                new NotificationProperties.Outbound(List.of(), false, Duration.ofSeconds(5)), null, null, null, null));
        List<InetAddress> own = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).toList();
        assertThat(own).isNotEmpty();
        assertThat(own).allSatisfy(address -> assertThat(withInterfaces.refusal(address)).isPresent());
    }

    @Test
    void aPublicAddressOfThisHostIsRefused() {
        InetAddress ownPublic = ip("203.0.114.5");
        ReceiverAddresses onThisHost = new ReceiverAddresses(List.of(), () -> Stream.of(ownPublic));
        assertThat(policy.refusal(ownPublic)).isEmpty();
        assertThat(onThisHost.refusal(ownPublic)).get().asString().contains("an address of this host");
    }

    @Test
    void theAllowListOpensExactAddressesAndRanges() {
        ReceiverAddresses onPremises = new ReceiverAddresses(Stream.of("127.0.0.1", "10.20.0.0/16", "fd00:1::/64",
                "203.0.114.5").map(AddressRange::parse).toList(), () -> Stream.of(ip("203.0.114.5")));
        assertThat(onPremises.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(onPremises.refusal(ip("127.0.0.2"))).isPresent();
        assertThat(onPremises.refusal(ip("10.20.255.1"))).isEmpty();
        assertThat(onPremises.refusal(ip("10.21.0.1"))).isPresent();
        assertThat(onPremises.refusal(ip("fd00:1::7"))).isEmpty();
        assertThat(onPremises.refusal(ip("fd00:2::7"))).isPresent();
        assertThat(onPremises.refusal(ip("203.0.114.5"))).isEmpty();
    }

    @Test
    void theAllowListTakesAddressLiteralsAndRangesOnly() {
        assertThatThrownBy(() -> new NotificationProperties.Outbound(List.of("receiver.example.org"), false, null))
                .hasMessageContaining("allowed-addresses").hasMessageContaining("host names are not accepted");
        assertThatThrownBy(() -> new NotificationProperties.Outbound(List.of("10.0.0.0/33"), false, null))
                .hasMessageContaining("prefix length must be 0 to 32");
        assertThat(new NotificationProperties.Outbound(List.of("10.0.0.0/8", "::1"), false, null).allowedRanges())
                .extracting(AddressRange::toString).containsExactly("10.0.0.0/8", "::1");
    }

    /** An address literal, never looked up. */
    static InetAddress ip(String literal) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        assertThat(bytes).as("literal %s", literal).isNotNull();
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] ipv6 = new byte[16];
        ipv6[10] = (byte) 0xff;
        ipv6[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, ipv6, 12, 4);
        return ipv6;
    }
}
