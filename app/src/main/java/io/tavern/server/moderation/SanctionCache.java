package io.tavern.server.moderation;

import io.tavern.db.NameKey;
import io.tavern.db.PageRequest;
import io.tavern.db.moderation.Sanction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The active bans (or mutes) in memory, so that the hot paths (every chat line checks mutes, every
 * join checks bans) never wait for the database. The database stays the record: the cache is loaded
 * from it at start-up and every change is written there first.
 */
final class SanctionCache {

    private final Map<String, Sanction> active = new ConcurrentHashMap<>();

    /** Loads every active sanction, page by page. Called once at start-up, off the logic tier. */
    void load(BiFunction<Instant, PageRequest, CompletableFuture<List<Sanction>>> listActive) {
        Instant now = Instant.now();
        PageRequest page = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            List<Sanction> sanctions = listActive.apply(now, page).join();
            sanctions.forEach(this::put);
            if (sanctions.size() < page.size()) {
                return;
            }
            page = page.next();
        }
    }

    void put(Sanction sanction) {
        active.put(NameKey.of(sanction.user()), sanction);
    }

    void remove(String user) {
        active.remove(NameKey.of(user));
    }

    Optional<Sanction> activeFor(String user, Instant now) {
        if (active.isEmpty()) {
            return Optional.empty(); // the usual case, and every chat line asks: no name key to build
        }
        Sanction sanction = active.get(NameKey.of(user));
        if (sanction == null) {
            return Optional.empty();
        }
        if (!sanction.isActiveAt(now)) {
            active.remove(NameKey.of(user), sanction); // expired: forget it
            return Optional.empty();
        }
        return Optional.of(sanction);
    }

    int size() {
        return active.size();
    }
}
