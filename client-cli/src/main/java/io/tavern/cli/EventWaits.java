package io.tavern.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Backs the scripted {@code /wait TYPE}: counts the events of each type reported so far, and lets
 * each {@code /wait} consume one. An event that arrived before its {@code /wait} still counts,
 * so a script does not race the server; {@code /wait chat} twice waits for two chat events.
 * A disconnect ends every wait at once.
 */
public final class EventWaits {

    private final Map<String, Integer> seen = new HashMap<>();
    private final Map<String, Integer> consumed = new HashMap<>();
    private boolean disconnected;

    public synchronized void record(String type) {
        seen.merge(type, 1, Integer::sum);
        if ("disconnected".equals(type)) {
            disconnected = true;
        }
        notifyAll();
    }

    /** Waits for an unconsumed event of {@code type}; false on time-out or disconnect. */
    public synchronized boolean await(String type, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (seen.getOrDefault(type, 0) <= consumed.getOrDefault(type, 0)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || (disconnected && !"disconnected".equals(type))) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        consumed.merge(type, 1, Integer::sum);
        return true;
    }
}
