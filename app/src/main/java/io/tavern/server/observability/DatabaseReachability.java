package io.tavern.server.observability;

import io.tavern.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Whether the database answers, found out in the background: a health check must answer at once, but
 * a ping of an unreachable database takes the whole connection time-out to fail. {@link #check()}
 * sends one ping at a time through the DB executor; {@link #current()} reads the last answer.
 *
 * <p>A ping still unanswered after {@code patience} counts as unreachable: a database that hangs is
 * as unusable as one that refuses.
 */
final class DatabaseReachability {

    /** The last answer: reachable or not, since when, and why not. */
    record State(boolean reachable, Instant since, String error) {
    }

    private final Database database;
    private final Duration patience;
    private final Clock clock;
    private volatile State state;
    private volatile CompletableFuture<Void> outstanding;
    private volatile Instant outstandingSince;

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

    private synchronized void becomes(boolean reachable, String error) {
        State previous = state;
        Instant since = previous.reachable() == reachable ? previous.since() : clock.instant();
        state = new State(reachable, since, error);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
