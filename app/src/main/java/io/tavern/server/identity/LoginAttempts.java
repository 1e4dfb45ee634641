package io.tavern.server.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How many password guesses a subject (an account name; a room, from one address) and an address get: the
 * policy behind {@code TOO_MANY_ATTEMPTS}, for logins and room passwords alike (one instance each).
 *
 * <p>An attempt is {@link #reserve reserved} before its password is checked, counting as a failure until it
 * ends, and the reservation is atomic over both counts: twenty sessions sending the same name at once get
 * no more checks than one session would, {@code perSubject} in all. After {@code perSubject} failures for a
 * subject, or {@code perAddress} from an address, the next attempt must wait {@code backoff}, and each
 * further failure doubles the wait up to {@code maxBackoff}; once a wait is over, one attempt at a time may
 * try. A success forgives the subject's failures (its owner knew the password), never the address's (an
 * attacker's own account must not reset its address). Failures are forgotten {@code forgetAfter} after the
 * last one.
 *
 * <p>Memory: a count exists only for a subject or address with failures or attempts under way, and every
 * attempt costs a password check first, so the counts grow no faster than the hashing pool can check;
 * forgotten counts are dropped when the tables grow past {@value #PURGE_ABOVE}.
 *
 * <p>Thread-safe: one lock, held for a few map operations; the listener is told outside it.
 */
public final class LoginAttempts implements Attempt.Ledger {

    static final int PURGE_ABOVE = 100_000;

    /**
     * @param perSubject  failures a subject may have before it waits
     * @param perAddress  failures an address may have before it waits
     * @param backoff     the first wait
     * @param maxBackoff  the longest wait
     * @param forgetAfter how long failures are remembered after the last; at least {@code maxBackoff}
     */
    public record Limits(int perSubject, int perAddress, Duration backoff, Duration maxBackoff, Duration forgetAfter) {
        public Limits {
            if (perSubject < 1 || perAddress < 1) {
                throw new IllegalArgumentException("limits are at least 1");
            }
            if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0
                    || forgetAfter.compareTo(maxBackoff) < 0) {
                throw new IllegalArgumentException("0 < backoff <= maxBackoff <= forgetAfter");
            }
        }
    }

    /** A subject's or an address's count. Guarded by the policy's lock. */
    private static final class Tally {
        int failures;
        int underWay;
        long lastFailure;
        /** When the current wait ends; in the past when there is none. */
        long waitEnds;

        Tally(long now) {
            this.lastFailure = now;
            this.waitEnds = now;
        }
    }

    private record Block(AttemptListener.Limit limit, String key, int failures, long waitNanos) {
    }

    private final AttemptKind kind;
    private final Limits limits;
    private final AttemptListener listener;
    private final LongSupplier nanoClock;
    private final long backoffNanos;
    private final long maxBackoffNanos;
    private final long forgetAfterNanos;
    private final Map<String, Tally> bySubject = new HashMap<>();
    private final Map<String, Tally> byAddress = new HashMap<>();
    private int purgeAbove = PURGE_ABOVE;

    public LoginAttempts(AttemptKind kind, Limits limits, AttemptListener listener) {
        this(kind, limits, listener, System::nanoTime);
    }

    LoginAttempts(AttemptKind kind, Limits limits, AttemptListener listener, LongSupplier nanoClock) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.backoffNanos = limits.backoff().toNanos();
        this.maxBackoffNanos = limits.maxBackoff().toNanos();
        this.forgetAfterNanos = limits.forgetAfter().toNanos();
    }

    /**
     * Reserves one attempt for {@code subject} from {@code address}, or refuses it with how long to wait.
     * A granted attempt must be ended ({@link Attempt#failed} and so on) once its check is done.
     *
     * @param subject what is guessed at, as its case-insensitive key (a name's key; a room id and address)
     */
    public Attempt reserve(String subject, AddressBlock address) {
        long now = nanoClock.getAsLong();
        long subjectWait;
        long addressWait;
        synchronized (this) {
            Tally forSubject = current(bySubject, subject, now);
            Tally fromAddress = current(byAddress, address.key(), now);
            subjectWait = waitNanos(forSubject, limits.perSubject(), now);
            addressWait = waitNanos(fromAddress, limits.perAddress(), now);
            if (subjectWait == 0 && addressWait == 0) {
                bySubject.computeIfAbsent(subject, k -> new Tally(now)).underWay++;
                byAddress.computeIfAbsent(address.key(), k -> new Tally(now)).underWay++;
                purgeIfLarge(now);
                return Attempt.granted(this, subject, address);
            }
        }
        listener.refused(kind, subjectWait >= addressWait ? AttemptListener.Limit.SUBJECT : AttemptListener.Limit.ADDRESS);
        return Attempt.refused(Duration.ofNanos(Math.max(subjectWait, addressWait)));
    }

    @Override
    public void ended(Attempt attempt, Attempt.Outcome outcome) {
        long now = nanoClock.getAsLong();
        List<Block> blocks = new ArrayList<>(2);
        synchronized (this) {
            Tally forSubject = bySubject.get(attempt.subject());
            Tally fromAddress = byAddress.get(attempt.address().key());
            forSubject.underWay--;
            fromAddress.underWay--;
            if (outcome == Attempt.Outcome.FAILED) {
                fail(forSubject, limits.perSubject(), now, AttemptListener.Limit.SUBJECT, attempt.subject(), blocks);
                fail(fromAddress, limits.perAddress(), now, AttemptListener.Limit.ADDRESS, attempt.address().key(), blocks);
            } else if (outcome == Attempt.Outcome.SUCCEEDED) {
                forSubject.failures = 0;
                forSubject.waitEnds = now;
            }
            dropIfIdle(bySubject, attempt.subject(), forSubject);
            dropIfIdle(byAddress, attempt.address().key(), fromAddress);
        }
        listener.ended(kind, outcome);
        blocks.forEach(block -> listener.blocked(kind, block.limit(), block.key(), block.failures(),
                Duration.ofNanos(block.waitNanos())));
    }

    /** The tally under {@code key}, or null; one whose failures are forgotten is dropped first. */
    private Tally current(Map<String, Tally> tallies, String key, long now) {
        Tally tally = tallies.get(key);
        if (tally != null && isForgotten(tally, now)) {
            tallies.remove(key);
            return null;
        }
        return tally;
    }

    private boolean isForgotten(Tally tally, long now) {
        // forgetAfter >= maxBackoff, so a forgotten tally's wait is over too.
        return tally.underWay == 0 && now - tally.lastFailure >= forgetAfterNanos;
    }

    /**
     * Nanoseconds until the tally lets one more attempt start; 0 when it does now. During a wait, none;
     * below the limit, as many as are left, those under way counted as failures; past the limit, one at a time.
     */
    private long waitNanos(Tally tally, int limit, long now) {
        if (tally == null) {
            return 0;
        }
        long waiting = tally.waitEnds - now;
        if (waiting > 0) {
            return waiting;
        }
        int allowed = tally.failures < limit ? limit - tally.failures : 1;
        // The attempts under way decide; should they fail, a wait of at least the first back-off follows.
        return tally.underWay < allowed ? 0 : backoffNanos;
    }

    private void fail(Tally tally, int limit, long now, AttemptListener.Limit which, String key, List<Block> blocks) {
        tally.failures++;
        tally.lastFailure = now;
        if (tally.failures >= limit) {
            long wait = backoffAfter(tally.failures - limit);
            tally.waitEnds = now + wait;
            blocks.add(new Block(which, key, tally.failures, wait));
        }
    }

    /** {@code backoff} doubled {@code doublings} times, at most {@code maxBackoff}. */
    private long backoffAfter(int doublings) {
        if (doublings >= Long.numberOfLeadingZeros(backoffNanos) - 1) {
            return maxBackoffNanos; // shifting further would overflow
        }
        return Math.min(maxBackoffNanos, backoffNanos << doublings);
    }

    private static void dropIfIdle(Map<String, Tally> tallies, String key, Tally tally) {
        if (tally.underWay == 0 && tally.failures == 0) {
            tallies.remove(key);
        }
    }

    private void purgeIfLarge(long now) {
        if (bySubject.size() + byAddress.size() <= purgeAbove) {
            return;
        }
        bySubject.values().removeIf(tally -> isForgotten(tally, now));
        byAddress.values().removeIf(tally -> isForgotten(tally, now));
        // Under a long attack most counts are live: scan again only once the tables have doubled.
        purgeAbove = Math.max(PURGE_ABOVE, 2 * (bySubject.size() + byAddress.size()));
    }

    /** Subjects and addresses counted now, for tests. */
    synchronized int tallies() {
        return bySubject.size() + byAddress.size();
    }
}
