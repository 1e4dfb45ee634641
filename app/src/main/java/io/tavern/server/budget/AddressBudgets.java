package io.tavern.server.budget;

import io.tavern.server.identity.AddressBlock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per address block (an IPv4 address, an IPv6 /64), shared by every session from it: a
 * client that opens many connections gets no more than one address's budget in all.
 *
 * <p>A bucket lives while a session from its address is open, and after the last one closes for as long
 * as it is not full again, so that reconnecting does not refill it; refilled buckets of addresses with no
 * session are dropped when the table grows past {@value #PURGE_ABOVE}. Thread-safe: the sessions of one
 * address run on different event loops, so each bucket is used under its own lock.
 */
final class AddressBudgets {

    static final int PURGE_ABOVE = 10_000;

    /**
     * A bucket and how many open sessions share it. Guarded by itself. It holds its address, the table's key:
     * a session needs no address block of its own (72 bytes each).
     */
    static final class Share {
        private final AddressBlock address;
        private final TokenBucket bucket;
        private int sessions;

        Share(AddressBlock address, TokenBucket bucket) {
            this.address = address;
            this.bucket = bucket;
        }

        synchronized boolean canTake(double cost, long nowNanos) {
            return bucket.canTake(cost, nowNanos);
        }

        synchronized boolean tryTake(double cost, long nowNanos) {
            return bucket.tryTake(cost, nowNanos);
        }

        synchronized long millisUntil(double cost) {
            return bucket.millisUntil(cost);
        }
    }

    private final TokenBucket.Rate rate;
    private final Map<AddressBlock, Share> shares = new ConcurrentHashMap<>();
    private volatile int purgeAbove = PURGE_ABOVE;

    AddressBudgets(TokenBucket.Rate rate) {
        this.rate = rate;
    }

    boolean isUnlimited() {
        return rate.isUnlimited();
    }

    /** The bucket of {@code address}, counting one more session on it; {@link #release} it when the session ends. */
    Share join(AddressBlock address, long nowNanos) {
        purgeIfLarge(nowNanos);
        return shares.compute(address, (key, share) -> {
            Share joined = share != null ? share : new Share(key, new TokenBucket(rate, nowNanos));
            synchronized (joined) {
                joined.sessions++;
            }
            return joined;
        });
    }

    /** The session that {@link #join joined} {@code share} has ended. */
    void release(Share share, long nowNanos) {
        synchronized (share) {
            share.sessions--;
        }
        shares.computeIfPresent(share.address, (key, current) -> isIdle(current, nowNanos) ? null : current);
    }

    /** No session uses it and it has refilled: dropping it changes nothing. */
    private static boolean isIdle(Share share, long nowNanos) {
        synchronized (share) {
            return share.sessions == 0 && share.bucket.isFull(nowNanos);
        }
    }

    private void purgeIfLarge(long nowNanos) {
        if (shares.size() <= purgeAbove) {
            return;
        }
        for (AddressBlock address : shares.keySet()) {
            // Atomic with join's compute on the same key: a share is never dropped while a session joins it.
            shares.computeIfPresent(address, (key, share) -> isIdle(share, nowNanos) ? null : share);
        }
        // While most addresses are live, scan again only once the table has doubled.
        purgeAbove = Math.max(PURGE_ABOVE, 2 * shares.size());
    }

    /** Addresses with a bucket now, for tests. */
    int size() {
        return shares.size();
    }
}
