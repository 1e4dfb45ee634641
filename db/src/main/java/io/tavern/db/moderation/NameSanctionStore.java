package io.tavern.db.moderation;

import io.tavern.db.Database;
import io.tavern.db.PageRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bans and mutes of players, by name: a banned user's login is refused (BANNED), a muted user's chat lines
 * (MUTED). At most one of each kind per user: putting another replaces it. Names match regardless of case. A
 * sanction put on a registered name follows the account ({@link Sanction#accountId()}), whatever it is called
 * later. Record the action in the audit log as well; the tables ({@code ban}, {@code mute}) only know the current
 * state.
 */
public final class NameSanctionStore {

    private final Map<SanctionKind, SanctionTable> tables;

    public NameSanctionStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public NameSanctionStore(Database database, Clock clock) {
        this.tables = SanctionTable.perKind(database, clock, SanctionTable.Shape.BAN, SanctionTable.Shape.MUTE);
    }

    /**
     * Bans or mutes {@code user} until {@code until}, or for good when {@code until} is {@code null}.
     *
     * @param reason may be {@code null}; at most 500 characters
     * @param by     who does it: 1 to 64 characters
     */
    public CompletableFuture<Sanction> put(SanctionKind kind, String user, Instant until, String reason, String by) {
        return tables.get(kind).put(user, until, reason, by);
    }

    /** @return whether there was one to lift, expired or not */
    public CompletableFuture<Boolean> remove(SanctionKind kind, String user) {
        return lift(kind, user).thenApply(lifted -> !lifted.isEmpty());
    }

    /**
     * Lifts the sanction of this kind put on {@code user}, and the one on the account that now has that name.
     *
     * @return what was lifted, expired or not; empty when there was nothing
     */
    public CompletableFuture<List<Sanction>> lift(SanctionKind kind, String user) {
        return tables.get(kind).lift(user);
    }

    /**
     * Deletes up to {@code limit} sanctions of this kind that ended at or before {@code now}: the expiry sweep.
     *
     * @return those this call deleted
     */
    public CompletableFuture<List<Sanction>> removeExpired(SanctionKind kind, Instant now, int limit) {
        return tables.get(kind).removeExpired(now, limit);
    }

    /** The sanction of this kind in force on {@code user} at {@code now}, if any: expired ones are not. */
    public CompletableFuture<Optional<Sanction>> findActive(SanctionKind kind, String user, Instant now) {
        return tables.get(kind).findActive(user, now);
    }

    /** Sanctions of this kind in force at {@code now}, newest first. */
    public CompletableFuture<List<Sanction>> listActive(SanctionKind kind, Instant now, PageRequest page) {
        return tables.get(kind).listActive(now, page);
    }
}
