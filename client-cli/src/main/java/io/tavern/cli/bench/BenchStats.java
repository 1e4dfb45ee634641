package io.tavern.cli.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters of a run, written by every event loop at once: adders and HdrHistogram's
 * {@link Recorder} (wait-free for writers), so recording never makes event loops contend.
 *
 * <p>Accounting: a measured message accepted by the server (acked, or never answered) owes one
 * delivery to each member of its room, the sender included; {@code expected} sums those,
 * {@code delivered} counts the deliveries that arrived, the difference is lost. A message the
 * server rejected with an Error owes nothing and is counted under its error code.
 */
final class BenchStats {

    final LongAdder sent = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder expected = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder connectErrors = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    // Microseconds; auto-resizing, 3 significant digits.
    private final Recorder latencyMicros = new Recorder(3);
    // Connect + Hello + login, per client, in microseconds.
    private final Recorder connectMicros = new Recorder(3);

    void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void delivered(long sentNanos, long receivedNanos) {
        delivered.increment();
        latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(receivedNanos - sentNanos)));
    }

    void loggedIn(long startedNanos, long doneNanos) {
        connectMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(doneNanos - startedNanos)));
    }

    Histogram connectLatency() {
        return connectMicros.getIntervalHistogram();
    }

    Histogram latency() {
        return latencyMicros.getIntervalHistogram();
    }

    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }
}
