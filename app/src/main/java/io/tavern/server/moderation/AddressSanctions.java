package io.tavern.server.moderation;

import io.tavern.db.PageRequest;
import io.tavern.db.moderation.AddressSanctionStore;
import io.tavern.db.moderation.SanctionKind;
import io.tavern.db.moderation.Sanction;
import io.tavern.server.moderation.Moderation.Entrant;
import io.tavern.server.moderation.Moderation.RangePolicy;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The sanctions of one kind on address ranges (the address bans, or the address mutes): written to the
 * database first, mirrored in memory, and matched against a player's address for whom the {@link RangePolicy}
 * says they reach. What a sanction does to a player is {@link Moderation}'s business; this class only knows
 * which sanction reaches whom.
 */
final class AddressSanctions {

    private final SanctionKind kind;
    private final AddressSanctionStore store;
    private final RangePolicy policy;
    private final AddressSanctionCache active = new AddressSanctionCache();

    /** Loads those in force from the database: at start-up, off the logic tier. */
    AddressSanctions(SanctionKind kind, AddressSanctionStore store, RangePolicy policy) {
        this.kind = kind;
        this.store = store;
        this.policy = policy;
        active.load((now, page) -> store.listActive(kind, now, page));
    }

    CompletableFuture<Sanction> put(AddressRange range, Instant until, String reason, String by) {
        return store.put(kind, range.key(), until, reason, by).thenApply(sanction -> {
            active.put(sanction);
            return sanction;
        });
    }

    /** @return whether there was one to lift */
    CompletableFuture<Boolean> lift(AddressRange range) {
        return store.remove(kind, range.key()).thenApply(removed -> {
            active.remove(range.key());
            return removed;
        });
    }

    /** Those in force now, newest first, from the database. */
    CompletableFuture<List<Sanction>> list(PageRequest page) {
        return store.listActive(kind, Instant.now(), page);
    }

    /** Deletes up to {@code limit} that ended at or before {@code now}, and forgets them unless put again. */
    CompletableFuture<List<Sanction>> removeExpired(Instant now, int limit) {
        return store.removeExpired(kind, now, limit).thenApply(removed -> {
            removed.forEach(sanction -> active.removeEnded(sanction, now));
            return removed;
        });
    }

    /** The one in force on {@code entrant} connecting from {@code from}, from memory: safe on any thread. */
    Optional<Sanction> on(Entrant entrant, InetSocketAddress from, Instant now) {
        if (from == null || !policy.reaches(entrant)) {
            return Optional.empty();
        }
        return active.activeFor(from.getAddress(), now);
    }

    /** The logged-in players from {@code range} whom a sanction of this kind reaches. */
    List<Session> reached(AddressRange range, SessionRegistry registry) {
        return registry.loggedIn().stream().filter(session -> {
            InetSocketAddress remote = session.remoteAddress();
            return remote != null && range.contains(remote.getAddress()) && policy.reaches(Entrant.of(session));
        }).toList();
    }

    int size() {
        return active.size();
    }
}
