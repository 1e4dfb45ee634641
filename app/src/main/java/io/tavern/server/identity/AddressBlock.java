package io.tavern.server.identity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The unit in which an address is counted for throttling: an IPv4 address, or an IPv6 /64. One IPv6
 * subscriber usually holds a whole /64 and may use any of its 2^64 addresses; counted one by one, every
 * attempt could come from a fresh address. An IPv4 address written as IPv6 (::ffff:a.b.c.d) counts as IPv4.
 *
 * @param key how the block is written in counts and logs: {@code 192.0.2.7}, {@code 2001:db8:0:1::/64}
 */
public record AddressBlock(String key) {

    /** Where the address is not known (no remote address): all such sessions share one count. */
    public static final AddressBlock UNKNOWN = new AddressBlock("unknown");

    public static AddressBlock of(InetSocketAddress remote) {
        return remote == null || remote.getAddress() == null ? UNKNOWN : of(remote.getAddress());
    }

    public static AddressBlock of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return new AddressBlock(address.getHostAddress());
        }
        byte[] bytes = address.getAddress();
        if (isIpv4Mapped(bytes)) {
            return new AddressBlock((bytes[12] & 0xFF) + "." + (bytes[13] & 0xFF) + "." + (bytes[14] & 0xFF) + "."
                    + (bytes[15] & 0xFF));
        }
        StringBuilder prefix = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            prefix.append(Integer.toHexString(((bytes[2 * group] & 0xFF) << 8) | (bytes[2 * group + 1] & 0xFF)))
                    .append(':');
        }
        return new AddressBlock(prefix.append(":/64").toString());
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
