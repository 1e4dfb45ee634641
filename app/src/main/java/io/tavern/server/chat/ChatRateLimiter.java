package io.tavern.server.chat;

/**
 * A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. One per session,
 * touched only on that session's serial executor, so it needs no synchronization.
 * A rate of 0 turns limiting off (load tests, trusted bots).
 */
public final class ChatRateLimiter {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastRefillNanos;

    public ChatRateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastRefillNanos = System.nanoTime();
    }

    /**
     * Takes a token if there is one, at {@code nowNanos}: when the message arrived. A time before the last
     * refill (a message that arrived before the limiter was made) adds nothing.
     */
    public boolean tryAcquire(long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        if (nowNanos > lastRefillNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastRefillNanos) * perSecond / 1e9);
            lastRefillNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Milliseconds until the next token. */
    public long retryAfterMillis() {
        return perSecond <= 0 ? 0 : (long) Math.ceil((1 - tokens) * 1000 / perSecond);
    }
}
