package io.integr8s.api.notification;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR range of IPv4 or IPv6 addresses ({@code 10.0.0.0/8}, {@code fe80::/10}; a bare address is a /32 or /128). */
record AddressRange(byte[] network, int prefixLength, String text) {

    /** Parses an address literal, never a host name (no DNS lookup); throws naming what is wrong. */
    static AddressRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String literal = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] network = NetUtil.createByteArrayFromIpAddressString(literal);
        if (network == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (e.g. 10.1.2.3 or "
                    + "10.1.0.0/16); host names are not accepted");
        }
        int bits = network.length * 8;
        int prefixLength;
        try {
            prefixLength = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'");
        }
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bits);
        }
        return new AddressRange(network, prefixLength, trimmed);
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit += 8) {
            int mask = prefixLength - bit >= 8 ? 0xff : (0xff << (8 - (prefixLength - bit))) & 0xff;
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 address held in the last four bytes of an IPv6 address. */
    static InetAddress lastFourBytes(byte[] ipv6) {
        try {
            return InetAddress.getByAddress(new byte[]{ipv6[12], ipv6[13], ipv6[14], ipv6[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
