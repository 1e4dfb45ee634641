package io.tavern.db.moderation;

import io.tavern.db.Database;
import io.tavern.db.PageRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bans: the server refuses the login of a banned user (BANNED).
 * At most one per user: putting another replaces it. Names match regardless of case. A ban put on a registered
 * name follows the account ({@link Sanction#accountId()}), whatever it is called later. Record the action in
 * the audit log as well; this table only knows the current state.
 */
public final class BanStore {

    private final SanctionTable table;

    public BanStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public BanStore(Database database, Clock clock) {
        this.table = new SanctionTable(database, clock, SanctionTable.Shape.BAN);
    }

    /**
     * Bans {@code user} until {@code until}, or for good when {@code until} is {@code null}.
     *
     * @param reason may be {@code null}; at most 500 characters
     * @param by     who does it: 1 to 64 characters
     */
    public CompletableFuture<Sanction> put(String user, Instant until, String reason, String by) {
        return table.put(user, until, reason, by);
    }

    /** @return whether there was one to lift, expired or not */
    public CompletableFuture<Boolean> remove(String user) {
        return lift(user).thenApply(lifted -> !lifted.isEmpty());
    }

    /**
     * Lifts the ban put on {@code user}, and the one on the account that now has that name.
     *
     * @return what was lifted, expired or not; empty when there was nothing
     */
    public CompletableFuture<List<Sanction>> lift(String user) {
        return table.lift(user);
    }

    /**
     * Deletes up to {@code limit} bans that ended at or before {@code now}: the expiry sweep.
     *
     * @return those this call deleted
     */
    public CompletableFuture<List<Sanction>> removeExpired(Instant now, int limit) {
        return table.removeExpired(now, limit);
    }

    /** The ban in force on {@code user} at {@code now}, if any: expired ones are not. */
    public CompletableFuture<Optional<Sanction>> findActive(String user, Instant now) {
        return table.findActive(user, now);
    }

    /** Bans in force at {@code now}, newest first. */
    public CompletableFuture<List<Sanction>> listActive(Instant now, PageRequest page) {
        return table.listActive(now, page);
    }
}
