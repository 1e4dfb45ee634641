package io.tavern.cli;

import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;

/**
 * Keeps the room and user names that tab completion offers fresh: asks the server for both lists
 * at most every {@link #MAX_AGE_NANOS}, silently (the answers update the session state but are not
 * shown), and never makes the completer wait for them.
 */
final class CompletionNames {

    private static final long MAX_AGE_NANOS = 5_000_000_000L;

    private final SessionState state;
    private volatile TavernClient client;
    private volatile long refreshedAt = System.nanoTime() - MAX_AGE_NANOS;

    CompletionNames(SessionState state) {
        this.state = state;
    }

    /** Follows the session's current connection (a reconnect makes a new one). */
    void use(TavernClient client) {
        this.client = client;
        refreshedAt = System.nanoTime() - MAX_AGE_NANOS;
        refreshIfStale();
    }

    void refreshIfStale() {
        TavernClient current = client;
        long now = System.nanoTime();
        if (current == null || !current.isOpen() || now - refreshedAt < MAX_AGE_NANOS) {
            return;
        }
        refreshedAt = now;
        current.listRooms(ListRooms.getDefaultInstance())
                .thenAccept(list -> state.observe(JsonEvents.rooms(list)));
        current.listOnlineUsers(ListOnlineUsers.getDefaultInstance())
                .thenAccept(list -> state.observe(JsonEvents.users(list)));
    }
}
