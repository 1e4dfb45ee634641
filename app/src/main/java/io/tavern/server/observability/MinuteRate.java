package io.tavern.server.observability;

import java.util.function.LongSupplier;

/**
 * The average rate of a growing total over the last minute, like a load average but exact: one thread
 * samples the total about once a second, and the rate is the growth between the newest sample and the
 * one a minute older (or the oldest there is, in the first minute).
 */
final class MinuteRate {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    /** A minute of once-a-second samples, and one more for the minute's start. */
    private static final int SLOTS = 62;

    private final LongSupplier total;
    private final LongSupplier clock;
    // guarded by this
    private final long[] times = new long[SLOTS];
    private final long[] totals = new long[SLOTS];
    private int newest = -1;
    private int count;

    MinuteRate(LongSupplier total) {
        this(total, System::nanoTime);
    }

    MinuteRate(LongSupplier total, LongSupplier nanoClock) {
        this.total = total;
        this.clock = nanoClock;
    }

    /** Takes a sample of the total now. */
    synchronized void sample() {
        newest = (newest + 1) % SLOTS;
        times[newest] = clock.getAsLong();
        totals[newest] = total.getAsLong();
        count = Math.min(count + 1, SLOTS);
    }

    /** Growth per second over the last minute of samples; 0 until there are two. */
    synchronized double perSecond() {
        if (count < 2) {
            return 0;
        }
        int oldest = newest;
        for (int back = 1; back < count; back++) {
            int candidate = Math.floorMod(newest - back, SLOTS);
            if (times[newest] - times[candidate] > WINDOW_NANOS) {
                break;
            }
            oldest = candidate;
        }
        long elapsed = times[newest] - times[oldest];
        return elapsed <= 0 ? 0 : (totals[newest] - totals[oldest]) * 1e9 / elapsed;
    }
}
