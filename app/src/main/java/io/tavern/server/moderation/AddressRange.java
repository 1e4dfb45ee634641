package io.tavern.server.moderation;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A range of IP addresses in CIDR form, {@code 192.0.2.0/24} or {@code 2001:db8::/32}; one address without a
 * prefix is the range of itself ({@code /32}, {@code /128}). Parsed without ever asking DNS (a host name is
 * refused, not looked up), kept canonical (host bits cleared, IPv6 in its shortest form), so one range has
 * one key. An IPv4 address written as IPv6 ({@code ::ffff:192.0.2.7}) is IPv4, as {@code AddressBlock} counts it.
 *
 * <p>The shortest prefixes accepted are /{@value #MIN_IPV4_PREFIX} for IPv4 and /{@value #MIN_IPV6_PREFIX}
 * for IPv6: a shorter one covers a good part of the Internet, and is far likelier a typing slip than a ban
 * anyone meant.
 *
 * @param network the first address of the range: 4 or 16 bytes
 * @param prefix  how many leading bits every address of the range shares with it
 */
public record AddressRange(byte[] network, int prefix) {

    static final int MIN_IPV4_PREFIX = 8;
    static final int MIN_IPV6_PREFIX = 16;

    public AddressRange {
        network = network.clone();
    }

    /**
     * @throws IllegalArgumentException with what is wrong: not an address, a prefix out of range, too wide
     */
    public static AddressRange parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address or range, such as "
                    + "198.51.100.7, 192.0.2.0/24 or 2001:db8::/32");
        }
        bytes = unmapped(bytes);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + text + "': the prefix length after '/' is a number of bits");
            }
            prefix = Integer.parseInt(digits);
            if (bytes.length == 4 && address.contains(":")) {
                prefix -= 96; // ::ffff:192.0.2.0/120 is 192.0.2.0/24
            }
        }
        int min = bytes.length == 4 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
        if (prefix < min || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "': the prefix of an " + (bytes.length == 4 ? "IPv4" : "IPv6")
                    + " range is /" + min + " to /" + bits);
        }
        return new AddressRange(masked(bytes, prefix), prefix);
    }

    /** Whether {@code address} is in this range. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = unmapped(address.getAddress());
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    /** The canonical CIDR form, which is also the key the database keeps it under. */
    public String key() {
        try {
            InetAddress first = InetAddress.getByAddress(network); // from bytes: no DNS
            String address = first instanceof Inet6Address ? NetUtil.toAddressString(first) : first.getHostAddress();
            return address + "/" + prefix;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && prefix == range.prefix && Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return key();
    }

    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
