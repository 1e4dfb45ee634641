package io.tavern.server.moderation;

import io.tavern.db.PageRequest;
import io.tavern.db.moderation.Sanction;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The active address bans in memory, for the login check. An address is matched against every range in
 * turn: a server holds tens or hundreds of address bans, not millions, and a login is not a hot path (chat
 * lines never ask). The database stays the record, as for {@link SanctionCache}.
 */
final class AddressBanCache {

    private record Entry(AddressRange range, Sanction ban) {
    }

    private final Map<String, Entry> byRange = new ConcurrentHashMap<>();

    /** Loads every active address ban. Called once at start-up, off the logic tier. */
    void load(BiFunction<Instant, PageRequest, CompletableFuture<List<Sanction>>> listActive) {
        SanctionCache.loadAll(listActive, this::put);
    }

    /** {@code ban.user()} is its range, in the canonical form {@link AddressRange#key()} gives. */
    void put(Sanction ban) {
        byRange.put(ban.user(), new Entry(AddressRange.parse(ban.user()), ban));
    }

    void remove(String rangeKey) {
        byRange.remove(rangeKey);
    }

    void removeEnded(Sanction ban, Instant now) {
        byRange.computeIfPresent(ban.user(), (key, held) -> held.ban().isActiveAt(now) ? held : null);
    }

    Optional<Sanction> activeFor(InetAddress address, Instant now) {
        if (byRange.isEmpty() || address == null) {
            return Optional.empty();
        }
        for (Entry entry : byRange.values()) {
            if (entry.ban().isActiveAt(now) && entry.range().contains(address)) {
                return Optional.of(entry.ban());
            }
        }
        return Optional.empty();
    }

    int size() {
        return byRange.size();
    }
}
