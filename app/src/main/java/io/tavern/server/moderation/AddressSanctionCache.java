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
 * The active sanctions of one kind on address ranges (the bans, or the mutes) in memory, for the login check
 * or the chat check. An address is matched against every range in turn: a server holds tens or hundreds of
 * them, not millions; and with none, which is the usual case, a chat line costs one {@code isEmpty}. The
 * database stays the record, as for {@link SanctionCache}.
 */
final class AddressSanctionCache {

    private record Entry(AddressRange range, Sanction sanction) {
    }

    private final Map<String, Entry> byRange = new ConcurrentHashMap<>();

    /** Loads every active one. Called once at start-up, off the logic tier. */
    void load(BiFunction<Instant, PageRequest, CompletableFuture<List<Sanction>>> listActive) {
        SanctionCache.loadAll(listActive, this::put);
    }

    /** {@code sanction.user()} is its range, in the canonical form {@link AddressRange#key()} gives. */
    void put(Sanction sanction) {
        byRange.put(sanction.user(), new Entry(AddressRange.parse(sanction.user()), sanction));
    }

    void remove(String rangeKey) {
        byRange.remove(rangeKey);
    }

    void removeEnded(Sanction sanction, Instant now) {
        byRange.computeIfPresent(sanction.user(), (key, held) -> held.sanction().isActiveAt(now) ? held : null);
    }

    Optional<Sanction> activeFor(InetAddress address, Instant now) {
        if (byRange.isEmpty() || address == null) {
            return Optional.empty();
        }
        for (Entry entry : byRange.values()) {
            if (entry.sanction().isActiveAt(now) && entry.range().contains(address)) {
                return Optional.of(entry.sanction());
            }
        }
        return Optional.empty();
    }

    int size() {
        return byRange.size();
    }
}
