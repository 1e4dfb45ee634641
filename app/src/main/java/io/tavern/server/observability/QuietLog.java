package io.tavern.server.observability;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning an attacker can cause at will, logged at most once per quiet time: the first line goes out at
 * once, those within the quiet time after it are counted, and the next line that goes out says how many
 * were left out. The log stays readable, and small, through an attack. Thread-safe.
 */
final class QuietLog {

    private final Logger log;
    private final long quietNanos;
    private final LongSupplier nanoClock;
    private boolean loggedOnce;
    private long lastLogged;
    private long suppressed;

    QuietLog(Logger log, Duration quietTime, LongSupplier nanoClock) {
        this.log = log;
        this.quietNanos = quietTime.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Logs {@code message} (an SLF4J pattern) at WARN now, or counts it when a line went out lately. */
    void warn(String message, Object... arguments) {
        long left;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (loggedOnce && now - lastLogged < quietNanos) {
                suppressed++;
                return;
            }
            loggedOnce = true;
            lastLogged = now;
            left = suppressed;
            suppressed = 0;
        }
        if (left == 0) {
            log.warn(message, arguments);
        } else {
            log.warn(message + " ({} more like it not logged since the last)", append(arguments, left));
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }
}
