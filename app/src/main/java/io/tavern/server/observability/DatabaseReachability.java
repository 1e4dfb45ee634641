package io.tavern.server.observability;

import io.tavern.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, found out in the background: a health check must answer at once, but
 * a ping of an unreachable database takes the whole connection time-out to fail. {@link #check()}
 * sends one ping at a time through the DB executor; {@link #current()} reads the last answer.
 *
 * <p>A ping still unanswered after {@code patience} counts as unreachable: a database that hangs is
 * as unusable as one that refuses.
 *
 * <p>The one place that decides whether the database is available: each change is logged once, and counted
 * ({@link #outages()}); {@link DatabaseHealthIndicator} and {@link DatabaseMetrics} report what it saw.
 */
final class DatabaseReachability {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReachability.class);

    /** The last answer: reachable or not, since when, and why not. */
    record State(boolean reachable, Instant since, String error) {
    }

    private final Database database;
    private final Duration patience;
    private final Clock clock;
    private volatile State state;
    private volatile CompletableFuture<Void> outstanding;
    private volatile Instant outstandingSince;
    private volatile long outages;

    DatabaseReachability(Database database, Duration patience, Clock clock) {
        this.database = database;
        this.patience = patience;
        this.clock = clock;
        // Database.open connected and migrated the schema before this bean could exist.
        this.state = new State(true, clock.instant(), null);
    }

    /** Sends a ping unless one is still on its way; called by the sampling thread only. */
    void check() {
        CompletableFuture<Void> pending = outstanding;
        if (pending != null && !pending.isDone()) {
            if (Duration.between(outstandingSince, clock.instant()).compareTo(patience) > 0) {
                becomes(false, "no answer to a ping within " + patience);
            }
            return;
        }
        outstandingSince = clock.instant();
        CompletableFuture<Void> ping = database.ping();
        outstanding = ping;
        ping.whenComplete((ok, failure) -> {
            if (failure == null) {
                becomes(true, null);
            } else {
                becomes(false, describe(failure));
            }
        });
    }

    State current() {
        return state;
    }

    /** Outages begun since the server started: changes from reachable to unreachable. */
    long outages() {
        return outages;
    }

    /** How long the database has been unreachable; zero while it answers. */
    Duration unavailableFor() {
        State now = state;
        return now.reachable() ? Duration.ZERO : Duration.between(now.since(), clock.instant());
    }

    private synchronized void becomes(boolean reachable, String error) {
        State previous = state;
        if (previous.reachable() == reachable) {
            state = new State(reachable, previous.since(), error);
            return;
        }
        Instant now = clock.instant();
        state = new State(reachable, now, error);
        if (reachable) {
            log.info("Database reachable again after {} s unreachable; chat went on meanwhile",
                    Duration.between(previous.since(), now).toSeconds());
        } else {
            outages++;
            log.warn("Database unreachable ({}): logins, history and moderation fail until it answers; chat goes on "
                    + "and the archive keeps what it accepts", error);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
