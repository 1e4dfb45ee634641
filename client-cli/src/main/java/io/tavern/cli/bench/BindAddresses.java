package io.tavern.cli.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local addresses the load generator connects from, handed out in turn. One local address
 * offers about 28 000 ephemeral ports towards one server address and port; spreading connections
 * over 127.0.0.x addresses (all of 127.0.0.0/8 is loopback on Linux) lifts that limit.
 *
 * <p>Syntax: comma-separated IPv4 addresses or inclusive ranges whose last octet varies, e.g.
 * {@code 127.0.0.1-127.0.0.20,127.0.1.1}; {@code 127.0.0.1-20} abbreviates the same range.
 */
public final class BindAddresses {

    private static final int MAX_ADDRESSES = 65_536;

    private final List<InetAddress> addresses;
    private final AtomicInteger next = new AtomicInteger();

    private BindAddresses(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** No binding: the system picks the local address. */
    public static BindAddresses none() {
        return new BindAddresses(List.of());
    }

    public static BindAddresses parse(String spec) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String part : spec.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                addresses.add(address(octets(item)));
                continue;
            }
            int[] from = octets(item.substring(0, dash));
            String toText = item.substring(dash + 1);
            int[] to = toText.contains(".") ? octets(toText) : new int[] {from[0], from[1], from[2], octet(toText)};
            if (from[0] != to[0] || from[1] != to[1] || from[2] != to[2] || to[3] < from[3]) {
                throw new IllegalArgumentException("a range varies the last octet only, upwards: " + item);
            }
            for (int last = from[3]; last <= to[3]; last++) {
                addresses.add(address(new int[] {from[0], from[1], from[2], last}));
                if (addresses.size() > MAX_ADDRESSES) {
                    throw new IllegalArgumentException("too many bind addresses");
                }
            }
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address in '" + spec + "'");
        }
        return new BindAddresses(addresses);
    }

    /** The next address in turn, or null when none were given. Thread-safe. */
    public InetAddress next() {
        if (addresses.isEmpty()) {
            return null;
        }
        return addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size()));
    }

    public List<InetAddress> all() {
        return addresses;
    }

    private static int[] octets(String text) {
        String[] parts = text.strip().split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = octet(parts[i]);
        }
        return octets;
    }

    private static int octet(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("octet out of range: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text, e);
        }
    }

    private static InetAddress address(int[] octets) {
        try {
            return InetAddress.getByAddress(new byte[] {
                (byte) octets[0], (byte) octets[1], (byte) octets[2], (byte) octets[3]});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // cannot happen for four bytes
        }
    }
}
