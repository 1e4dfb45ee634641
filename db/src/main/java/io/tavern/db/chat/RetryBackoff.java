package io.tavern.db.chat;

import java.time.Duration;

/** Exponential back-off, capped: initial, 2 x initial, 4 x initial ... up to max, until {@link #reset()}. */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    RetryBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; the one after it is twice as long, up to the cap. */
    Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    void reset() {
        next = initial;
    }
}
