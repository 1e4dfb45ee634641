package io.tavern.cli.bench;

import io.tavern.protocol.v1.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the connections of one event loop recorded, beyond what each connection counts itself: the
 * delivery latencies, refusals by code, disconnections by reason, and anything a receiver did not
 * expect. Written only by that loop's thread, so plain fields and a plain HdrHistogram: no lock, no
 * atomic, no allocation on the hot path. The run's thread reads it only through {@link #copy()} run
 * as a task on the loop, which orders the read after the writes.
 */
final class LoopStats {

    // Microseconds, 3 significant digits; grows as needed.
    private final Histogram latencyMicros = new Histogram(3);
    private final long[] refusalsByCode = new long[ErrorCode.values().length];
    private final Map<String, Long> incidents = new HashMap<>();
    private long outOfOrder;
    private long misrouted;

    void delivered(long sentNanos, long receivedNanos) {
        latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(receivedNanos - sentNanos)));
    }

    /** A chat send answered by an Error with {@code code} (its number, as on the wire). */
    void refused(int code) {
        refusalsByCode[code >= 0 && code < refusalsByCode.length ? code : 0]++;
    }

    /**
     * Anything else worth a count, by name: a connection closed before the run ended
     * ({@code DISCONNECTED_} and the server's Goodbye reason, or NETWORK), a malformed frame, an
     * Error that answers no chat send.
     */
    void incident(String name) {
        incidents.merge(name, 1L, Long::sum);
    }

    /** A message from a room member whose sequence did not exceed that member's previous one. */
    void outOfOrder() {
        outOfOrder++;
    }

    /** A benchmark message of this run delivered to a connection outside the sender's room. */
    void misrouted() {
        misrouted++;
    }

    /** A copy, to be made on the loop's thread. */
    Copy copy() {
        Map<String, Long> refusals = new TreeMap<>();
        for (int code = 0; code < refusalsByCode.length; code++) {
            if (refusalsByCode[code] > 0) {
                refusals.put(codeName(code), refusalsByCode[code]);
            }
        }
        return new Copy(latencyMicros.copy(), refusals, new TreeMap<>(incidents), outOfOrder, misrouted);
    }

    /** An error code's name as the schema spells it; a number this build does not know is UNKNOWN. */
    static String codeName(int code) {
        ErrorCode known = code == 0 ? null : ErrorCode.forNumber(code);
        return known == null ? "UNKNOWN" : known.name();
    }

    /** The figures of one loop, or of several added up. */
    record Copy(Histogram latencyMicros, Map<String, Long> refusals, Map<String, Long> incidents,
                long outOfOrder, long misrouted) {

        static Copy empty() {
            return new Copy(new Histogram(3), new TreeMap<>(), new TreeMap<>(), 0, 0);
        }

        Copy plus(Copy other) {
            Histogram latency = latencyMicros.copy();
            latency.add(other.latencyMicros);
            Map<String, Long> refused = new TreeMap<>(refusals);
            other.refusals.forEach((code, count) -> refused.merge(code, count, Long::sum));
            Map<String, Long> seen = new TreeMap<>(incidents);
            other.incidents.forEach((name, count) -> seen.merge(name, count, Long::sum));
            return new Copy(latency, refused, seen, outOfOrder + other.outOfOrder, misrouted + other.misrouted);
        }
    }
}
