package io.integr8s.api.auth;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in failures count under the connection's peer, never a header the client chose; IPv6 by its /64. */
class ClientAddressTest {

    private static String from(String address) {
        return ClientAddress.of(MockServerHttpRequest.post("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress(address, 40000))
                .header("X-Forwarded-For", "203.0.113.7").build());
    }

    @Test
    void anIpv4ClientCountsByItsAddressAndForwardedHeadersAreIgnored() {
        assertThat(from("127.0.0.2")).isEqualTo("127.0.0.2");
        assertThat(from("127.0.0.3")).isNotEqualTo(from("127.0.0.2"));
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertThat(from("2001:db8:1:2::1")).isEqualTo(from("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(from("2001:db8:1:3::1")).isNotEqualTo(from("2001:db8:1:2::1"));
    }

    @Test
    void aRequestWithoutAPeerCountsAsUnknown() {
        assertThat(ClientAddress.of(MockServerHttpRequest.post("/api/v1/auth/login").build())).isEqualTo("unknown");
    }
}
