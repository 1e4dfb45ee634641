package io.tavern.server.budget;

/**
 * A cost-weighted token bucket: up to its {@link Rate}'s burst of tokens, refilled at its rate per second; a request
 * takes as many tokens as it costs. A rate of 0 turns the bucket off: it then grants everything.
 *
 * <p>Not thread-safe: each user confines a bucket to one thread (a session's event loop or executor) or
 * guards it with a lock (an address's, shared by its sessions). Time is passed in ({@link System#nanoTime()}
 * readings), so that what a bucket decides depends only on when requests arrived.
 */
public class TokenBucket { // not final: a session's budget is its request bucket (SessionBudget)

    /**
     * How big a bucket is and how fast it fills: the policy's, shared by every bucket it makes, so that a bucket
     * holds only its level and when it last filled (32 bytes; every session has one or more).
     *
     * @param perSecond tokens per second; 0 turns the bucket off
     * @param burst     tokens at once (a bucket holds at least 1)
     */
    public record Rate(double perSecond, int burst) {

        public boolean isUnlimited() {
            return perSecond <= 0;
        }

        private double capacity() {
            return Math.max(1, burst);
        }
    }

    private final Rate rate;
    private double tokens;
    private long lastRefillNanos;

    /** A full bucket of {@code rate}, as of {@code nowNanos}. */
    public TokenBucket(Rate rate, long nowNanos) {
        this.rate = rate;
        this.tokens = rate.capacity();
        this.lastRefillNanos = nowNanos;
    }

    public boolean isUnlimited() {
        return rate.isUnlimited();
    }

    /** Whether {@code cost} tokens are there at {@code nowNanos}; takes nothing. */
    public boolean canTake(double cost, long nowNanos) {
        if (isUnlimited()) {
            return true;
        }
        refill(nowNanos);
        return tokens >= cost;
    }

    /** Takes {@code cost} tokens if they are there. */
    public boolean tryTake(double cost, long nowNanos) {
        if (!canTake(cost, nowNanos)) {
            return false;
        }
        take(cost);
        return true;
    }

    /** Takes {@code cost} tokens that {@link #canTake} just found there. */
    public void take(double cost) {
        if (!isUnlimited()) {
            tokens -= cost;
        }
    }

    /** Gives back tokens taken for a request that was refused elsewhere after all. */
    public void giveBack(double cost) {
        if (!isUnlimited()) {
            tokens = Math.min(rate.capacity(), tokens + cost);
        }
    }

    /** Milliseconds until {@code cost} tokens are there (as of the last refill); at least 1 while they are not. */
    public long millisUntil(double cost) {
        if (isUnlimited() || tokens >= cost) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((cost - tokens) * 1000 / rate.perSecond()));
    }

    /** Whether the bucket is full at {@code nowNanos}: as if it had never been used. */
    public boolean isFull(long nowNanos) {
        if (isUnlimited()) {
            return true;
        }
        refill(nowNanos);
        return tokens >= rate.capacity();
    }

    private void refill(long nowNanos) {
        if (nowNanos > lastRefillNanos) { // a reading older than the last refill adds nothing
            tokens = Math.min(rate.capacity(), tokens + (nowNanos - lastRefillNanos) * rate.perSecond() / 1e9);
            lastRefillNanos = nowNanos;
        }
    }
}
