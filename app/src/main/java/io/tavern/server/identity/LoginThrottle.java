package io.tavern.server.identity;

import io.tavern.db.NameKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code perName} failed logins for one account name, or
 * {@code perAddress} from one remote address, within a window, further attempts are refused with
 * {@code TOO_MANY_ATTEMPTS} until the window ends. A success clears the name's count.
 * Thread-safe; bounded by expiring old windows when it grows.
 */
public final class LoginThrottle {

    static final int PURGE_ABOVE = 100_000;

    private record Window(long startNanos, int failures) {
    }

    private final int perName;
    private final int perAddress;
    private final long windowNanos;
    private final Map<String, Window> byName = new ConcurrentHashMap<>();
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(int perName, int perAddress, Duration window) {
        this.perName = perName;
        this.perAddress = perAddress;
        this.windowNanos = window.toNanos();
    }

    /** Milliseconds until {@code name} from {@code address} may try again; 0 if it may now. */
    public long retryAfterMillis(String name, String address) {
        long now = System.nanoTime();
        return Math.max(blockedFor(byName.get(NameKey.of(name)), perName, now),
                blockedFor(byAddress.get(address), perAddress, now));
    }

    public void failed(String name, String address) {
        long now = System.nanoTime();
        count(byName, NameKey.of(name), now);
        count(byAddress, address, now);
    }

    public void succeeded(String name) {
        byName.remove(NameKey.of(name));
    }

    private long blockedFor(Window window, int limit, long now) {
        if (window == null || window.failures() < limit || now - window.startNanos() >= windowNanos) {
            return 0;
        }
        return Math.max(1, (window.startNanos() + windowNanos - now) / 1_000_000);
    }

    private void count(Map<String, Window> windows, String key, long now) {
        windows.compute(key, (k, window) -> window == null || now - window.startNanos() >= windowNanos
                ? new Window(now, 1) : new Window(window.startNanos(), window.failures() + 1));
        if (windows.size() > PURGE_ABOVE) {
            windows.values().removeIf(window -> now - window.startNanos() >= windowNanos);
        }
    }
}
