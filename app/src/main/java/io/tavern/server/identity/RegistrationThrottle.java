package io.tavern.server.identity;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How many accounts one address (an IPv6 /64) may create: at most {@code perAddress} within a sliding
 * {@code window}. Each registration costs a password hash and a row kept for good, so a script must not be
 * able to make thousands.
 *
 * <p>A registration is {@link #reserve reserved} before its hash runs, counting as made while under way, so
 * parallel sessions cannot pass the limit together; it counts for the window only if it created the account
 * ({@link Attempt#succeeded}); a name found taken, or a busy server, gives its place back.
 *
 * <p>Thread-safe: one lock over a few map operations. Memory: per address, at most {@code perAddress}
 * timestamps; addresses whose window has passed are dropped when the table grows large.
 */
public final class RegistrationThrottle implements Attempt.Ledger {

    /** The wait suggested while registrations under way fill the limit: about as long as they take. */
    static final Duration WHILE_UNDER_WAY = Duration.ofSeconds(1);

    private static final class Window {
        final ArrayDeque<Long> created = new ArrayDeque<>();
        int underWay;
    }

    private final int perAddress;
    private final long windowNanos;
    private final AttemptListener listener;
    private final LongSupplier nanoClock;
    private final Map<String, Window> byAddress = new HashMap<>();
    private int purgeAbove = LoginAttempts.PURGE_ABOVE;

    public RegistrationThrottle(int perAddress, Duration window, AttemptListener listener) {
        this(perAddress, window, listener, System::nanoTime);
    }

    RegistrationThrottle(int perAddress, Duration window, AttemptListener listener, LongSupplier nanoClock) {
        if (perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("at least one registration in a window longer than 0");
        }
        this.perAddress = perAddress;
        this.windowNanos = window.toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Reserves one registration from {@code address}, or refuses it with how long to wait. */
    public Attempt reserve(AddressBlock address) {
        long now = nanoClock.getAsLong();
        Duration wait;
        synchronized (this) {
            Window window = byAddress.get(address.key());
            if (window != null) {
                expire(window, now);
            }
            if (window == null || window.created.size() + window.underWay < perAddress) {
                byAddress.computeIfAbsent(address.key(), k -> new Window()).underWay++;
                purgeIfLarge(now);
                return Attempt.granted(this, address.key(), address);
            }
            wait = window.created.size() >= perAddress
                    ? Duration.ofNanos(window.created.peekFirst() + windowNanos - now)
                    : WHILE_UNDER_WAY;
        }
        listener.refused(AttemptKind.REGISTRATION, AttemptListener.Limit.ADDRESS);
        return Attempt.refused(wait);
    }

    @Override
    public void ended(Attempt attempt, Attempt.Outcome outcome) {
        long now = nanoClock.getAsLong();
        synchronized (this) {
            Window window = byAddress.get(attempt.address().key());
            window.underWay--;
            if (outcome == Attempt.Outcome.SUCCEEDED) {
                window.created.addLast(now);
            }
            expire(window, now);
            if (window.underWay == 0 && window.created.isEmpty()) {
                byAddress.remove(attempt.address().key());
            }
        }
        listener.ended(AttemptKind.REGISTRATION, outcome);
    }

    private void purgeIfLarge(long now) {
        if (byAddress.size() <= purgeAbove) {
            return;
        }
        byAddress.values().removeIf(window -> {
            expire(window, now);
            return window.underWay == 0 && window.created.isEmpty();
        });
        purgeAbove = Math.max(LoginAttempts.PURGE_ABOVE, 2 * byAddress.size());
    }

    private void expire(Window window, long now) {
        while (!window.created.isEmpty() && now - window.created.peekFirst() >= windowNanos) {
            window.created.removeFirst();
        }
    }
}
