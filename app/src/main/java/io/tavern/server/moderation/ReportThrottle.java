package io.tavern.server.moderation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * How many reports one reporter may file: at most {@code perReporter} within a sliding {@code window}.
 * Reports cost operators' reading time, so a player must not be able to bury them in reports of one rival.
 *
 * <p>Thread-safe: one lock over a few map operations. Memory: per reporter, at most {@code perReporter}
 * timestamps; reporters whose window has passed are dropped when the table grows past {@value #PURGE_ABOVE}.
 */
final class ReportThrottle {

    static final int PURGE_ABOVE = 10_000;

    private final int perReporter;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, ArrayDeque<Long>> filed = new HashMap<>();

    ReportThrottle(int perReporter, Duration window) {
        this(perReporter, window, System::nanoTime);
    }

    ReportThrottle(int perReporter, Duration window, LongSupplier nanoClock) {
        if (perReporter < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("at least one report in a window longer than 0");
        }
        this.perReporter = perReporter;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Counts one report of {@code reporter}, or refuses it.
     *
     * @return empty when counted; else how many milliseconds until the reporter may file again
     */
    synchronized OptionalLong tryFile(String reporter) {
        long now = nanoClock.getAsLong();
        ArrayDeque<Long> times = filed.computeIfAbsent(reporter, key -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
        if (times.size() >= perReporter) {
            long waitNanos = times.peekFirst() + windowNanos - now;
            return OptionalLong.of(Math.max(1, Duration.ofNanos(waitNanos).toMillis()));
        }
        times.addLast(now);
        if (filed.size() > PURGE_ABOVE) {
            purge(now);
        }
        return OptionalLong.empty();
    }

    private void purge(long now) {
        for (Iterator<ArrayDeque<Long>> it = filed.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Long> times = it.next();
            if (now - times.peekLast() >= windowNanos) {
                it.remove();
            }
        }
    }
}
