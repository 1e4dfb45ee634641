package io.tavern.db.moderation;

import io.tavern.db.Database;
import io.tavern.db.PageRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Bans and mutes of an address or a range of addresses, in one table where the {@link SanctionKind} tells them apart.
 * The range is given in canonical CIDR form (host bits cleared, IPv6 in its shortest form, one address as a /32
 * or /128): parsing and matching addresses is the server's business; this store keeps one row per range and
 * kind, where a new one replaces the old. In {@link Sanction#user()} a row carries its range. Record the action
 * in the audit log as well.
 */
public final class AddressSanctionStore {

    /** The longest canonical range: a full IPv6 address with its prefix, with room to spare. */
    public static final int MAX_RANGE_LENGTH = 64;

    private final Map<SanctionKind, SanctionTable> tables;

    public AddressSanctionStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public AddressSanctionStore(Database database, Clock clock) {
        this.tables = SanctionTable.perKind(database, clock, SanctionTable.Shape.ADDRESS_BAN, SanctionTable.Shape.ADDRESS_MUTE);
    }

    /**
     * Bans or mutes {@code range} until {@code until}, or for good when {@code until} is {@code null}.
     *
     * @param range  canonical CIDR, at most {@value #MAX_RANGE_LENGTH} characters
     * @param reason may be {@code null}; at most 500 characters
     * @param by     who does it: 1 to 64 characters
     */
    public CompletableFuture<Sanction> put(SanctionKind kind, String range, Instant until, String reason, String by) {
        if (range.isEmpty() || range.length() > MAX_RANGE_LENGTH) {
            throw new IllegalArgumentException("a range has 1 to " + MAX_RANGE_LENGTH + " characters: '" + range + "'");
        }
        return tables.get(kind).put(range, until, reason, by);
    }

    /** @return whether there was one of {@code kind} to lift, expired or not */
    public CompletableFuture<Boolean> remove(SanctionKind kind, String range) {
        return tables.get(kind).lift(range).thenApply(lifted -> !lifted.isEmpty());
    }

    /** Those of {@code kind} in force at {@code now}, newest first. */
    public CompletableFuture<List<Sanction>> listActive(SanctionKind kind, Instant now, PageRequest page) {
        return tables.get(kind).listActive(now, page);
    }

    /**
     * Deletes up to {@code limit} of {@code kind} that ended at or before {@code now}: the expiry sweep.
     *
     * @return those this call deleted
     */
    public CompletableFuture<List<Sanction>> removeExpired(SanctionKind kind, Instant now, int limit) {
        return tables.get(kind).removeExpired(now, limit);
    }
}
