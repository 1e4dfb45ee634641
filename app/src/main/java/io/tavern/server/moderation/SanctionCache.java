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
import java.util.function.Consumer;

/**
 * The active bans (or mutes) of users in memory, so that the hot paths (every chat line checks mutes, every
 * join checks bans) never wait for the database. The database stays the record: the cache is loaded from it
 * at start-up and every change is written there first.
 *
 * <p>A sanction on an account is found by the account's id, whatever the player is called now; one on a name
 * that no account held when it was put, by the name.
 */
final class SanctionCache {

    private final Map<String, Sanction> byName = new ConcurrentHashMap<>();
    private final Map<Long, Sanction> byAccount = new ConcurrentHashMap<>();

    /** Loads every active sanction, page by page. Called once at start-up, off the logic tier. */
    void load(BiFunction<Instant, PageRequest, CompletableFuture<List<Sanction>>> listActive) {
        loadAll(listActive, this::put);
    }

    /** Hands every sanction {@code listActive} lists as active now to {@code put}, page by page. */
    static void loadAll(BiFunction<Instant, PageRequest, CompletableFuture<List<Sanction>>> listActive,
                        Consumer<Sanction> put) {
        Instant now = Instant.now();
        PageRequest page = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            List<Sanction> sanctions = listActive.apply(now, page).join();
            sanctions.forEach(put);
            if (sanctions.size() < page.size()) {
                return;
            }
            page = page.next();
        }
    }

    void put(Sanction sanction) {
        String name = NameKey.of(sanction.user());
        if (sanction.isByAccount()) {
            byName.remove(name); // the database replaced the name's row with the account's
            byAccount.put(sanction.accountId(), sanction);
        } else {
            byName.put(name, sanction);
        }
    }

    /** Forgets {@code sanction}, lifted. */
    void remove(Sanction sanction) {
        if (sanction.isByAccount()) {
            byAccount.remove(sanction.accountId());
        } else {
            byName.remove(NameKey.of(sanction.user()));
        }
    }

    /** Forgets {@code sanction}, ended, unless a sanction put since (one that has not ended) replaced it. */
    void removeEnded(Sanction sanction, Instant now) {
        if (sanction.isByAccount()) {
            byAccount.computeIfPresent(sanction.accountId(), (id, held) -> held.isActiveAt(now) ? held : null);
        } else {
            byName.computeIfPresent(NameKey.of(sanction.user()), (name, held) -> held.isActiveAt(now) ? held : null);
        }
    }

    /**
     * The sanction in force on a player: {@code accountId}'s, or else {@code user}'s name's.
     *
     * @param accountId null for a guest
     */
    Optional<Sanction> activeFor(String user, Long accountId, Instant now) {
        if (accountId != null && !byAccount.isEmpty()) {
            Sanction onAccount = byAccount.get(accountId);
            if (onAccount != null && onAccount.isActiveAt(now)) {
                return Optional.of(onAccount);
            }
        }
        if (byName.isEmpty()) {
            return Optional.empty(); // the usual case, and every chat line asks: no name key to build
        }
        Sanction onName = byName.get(NameKey.of(user));
        return onName != null && onName.isActiveAt(now) ? Optional.of(onName) : Optional.empty();
    }

    int size() {
        return byName.size() + byAccount.size();
    }
}
