package io.tavern.server.observability;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * A line an attacker can cause at will (a refused connection, a malformed frame, a handshake that never
 * comes, a database outage every request runs into), logged at most once per quiet time: the first line
 * goes out at once, those within the quiet time after it are counted, and the next line that goes out
 * says how many were left out. The log stays readable, and small, through an attack; the counters
 * (Micrometer, {@code tavern.*}) keep the whole count.
 *
 * <p>One instance per kind of line: lines of one kind share one quiet time, so a flood of one kind
 * never silences another. The one way to log what a client can trigger; thread-safe.
 */
public final class QuietLog {

    /** How long a kind of line stays quiet after one went out. */
    public static final Duration QUIET_TIME = Duration.ofSeconds(30);

    private final Logger log;
    private final Level level;
    private final long quietNanos;
    private final LongSupplier nanoClock;
    private boolean loggedOnce;
    private long lastLogged;
    private long suppressed;

    QuietLog(Logger log, Level level, Duration quietTime, LongSupplier nanoClock) {
        this.log = log;
        this.level = level;
        this.quietNanos = quietTime.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Lines of one kind at WARN, at most one per {@link #QUIET_TIME}: what needs an operator's eye. */
    public static QuietLog warn(Logger log) {
        return new QuietLog(log, Level.WARN, QUIET_TIME, System::nanoTime);
    }

    /** Lines of one kind at INFO, at most one per {@link #QUIET_TIME}: what is worth knowing, not acting on. */
    public static QuietLog info(Logger log) {
        return new QuietLog(log, Level.INFO, QUIET_TIME, System::nanoTime);
    }

    /** Logs {@code message} (an SLF4J pattern) now, or counts it when a line of this kind went out lately. */
    public void log(String message, Object... arguments) {
        if (!log.isEnabledForLevel(level)) {
            return;
        }
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
            log.atLevel(level).log(message, arguments);
        } else {
            log.atLevel(level).log(message + " ({} more like it not logged since the last)", append(arguments, left));
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }
}
