package io.tavern.cli.bench;

/** Where a run is; set by the run's thread, read by every client's event loop. */
final class BenchPhase {

    enum Phase {
        CONNECTING, WARMUP, MEASURE, DRAIN, HOLD, CLOSING;

        boolean sending() {
            return this == WARMUP || this == MEASURE;
        }
    }

    private volatile Phase current = Phase.CONNECTING;

    Phase current() {
        return current;
    }

    void enter(Phase next) {
        current = next;
    }
}
