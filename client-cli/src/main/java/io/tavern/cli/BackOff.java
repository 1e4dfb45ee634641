package io.tavern.cli;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnect attempts: doubling from {@link #FIRST_MILLIS} up to {@link #MAX_MILLIS},
 * with up to 20% jitter so that many clients cut off together (a server restart) do not all come
 * back in the same instant.
 */
final class BackOff {

    static final long FIRST_MILLIS = 500;
    static final long MAX_MILLIS = 30_000;

    private int attempt;

    /** The delay before the next attempt. */
    long nextDelayMillis() {
        long base = Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(attempt, 16));
        attempt++;
        long jitter = (long) (base * 0.2 * ThreadLocalRandom.current().nextDouble());
        return base - jitter;
    }

    int attempts() {
        return attempt;
    }
}
