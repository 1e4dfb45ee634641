package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the fuzzer sent and saw, counted from many threads: hostile frames, outcomes by kind, and the
 * failures of the oracle (the first few kept whole, all counted).
 */
final class FuzzReport {

    private static final int KEPT_FAILURES = 25;
    private static final int LONGEST_FAILURE = 3_000;

    private final LongAdder frames = new LongAdder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failureCount = new AtomicInteger();

    void frameSent() {
        frames.increment();
    }

    long frames() {
        return frames.sum();
    }

    void saw(String outcome) {
        outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
    }

    long count(String outcome) {
        LongAdder counter = outcomes.get(outcome);
        return counter == null ? 0 : counter.sum();
    }

    /** Records a failure of the oracle; the first few are kept, cut to a readable length. */
    void fail(String what) {
        if (failureCount.incrementAndGet() <= KEPT_FAILURES) {
            failures.add(what.length() > LONGEST_FAILURE ? what.substring(0, LONGEST_FAILURE) + "..." : what);
        }
    }

    /** Fails if anything failed since the last check, and starts counting afresh for the next. */
    void assertNoFailures() {
        int failed = failureCount.getAndSet(0);
        String kept = String.join("\n", failures);
        failures.clear();
        assertThat(failed).as("oracle failures (first %d):%n%s", KEPT_FAILURES, kept).isZero();
    }

    @Override
    public String toString() {
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((key, value) -> sorted.put(key, value.sum()));
        return frames() + " hostile frames; outcomes " + sorted;
    }
}
