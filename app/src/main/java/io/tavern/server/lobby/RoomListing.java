package io.tavern.server.lobby;

import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.RoomSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The room list the lobby shows: every listed room (public, not closed), sorted by name
 * case-insensitively, then by id, under a <b>version</b> that counts its changes.
 *
 * <p>Rooms write it from their own executors, under a short lock (a binary search and one array
 * copy); readers take the published {@link SortedSnapshot}, an immutable sorted array, without a lock. A
 * listing therefore pages over precomputed keys: it never sorts, and never builds an entry.
 *
 * <p>Every change is also kept in a map of pending changes, one per room, where the latest wins: the
 * {@link LobbyFeed} {@linkplain #drain() drains} it at its own pace, which is all that coalescing is.
 * A change gets its version, enters the snapshot and enters the pending map under one lock, so a
 * listing at version V and the feed's changes after V never overlap and never leave a gap.
 */
final class RoomListing {

    private final Object lock = new Object();
    private volatile SortedSnapshot<Entry> current = SortedSnapshot.empty(); // written under the lock
    private Map<String, Change> pending = new HashMap<>(); // guarded by the lock

    /** The listing as it is now; safe from any thread. */
    SortedSnapshot<Entry> snapshot() {
        return current;
    }

    /**
     * Applies what a room announced: {@code ROOM_REMOVED} takes it off the list, anything else puts
     * its summary there. A summary equal to the listed one changes nothing and gets no version.
     *
     * @return whether the listing changed
     */
    boolean apply(LobbyEventType type, RoomSummary room) {
        Entry entry = new Entry(room);
        synchronized (lock) {
            SortedSnapshot<Entry> before = current;
            int at = before.indexOf(entry);
            SortedSnapshot<Entry> after;
            LobbyEventType change;
            if (type == LobbyEventType.ROOM_REMOVED) {
                if (at < 0) {
                    return false;
                }
                after = before.without(at);
                change = LobbyEventType.ROOM_REMOVED;
            } else if (at >= 0) {
                if (before.get(at).room.equals(room)) {
                    return false;
                }
                after = before.with(entry);
                change = LobbyEventType.ROOM_UPDATED;
            } else {
                after = before.with(entry);
                change = LobbyEventType.ROOM_CREATED;
            }
            Change previous = pending.get(room.getId());
            long createdVersion = change == LobbyEventType.ROOM_CREATED ? after.version : 0;
            if (change == LobbyEventType.ROOM_UPDATED && previous != null
                    && previous.type() == LobbyEventType.ROOM_CREATED) {
                change = LobbyEventType.ROOM_CREATED; // still new to whoever has not heard of it yet
                createdVersion = previous.createdVersion();
            }
            pending.put(room.getId(), new Change(change, room, after.version, createdVersion));
            current = after;
            return true;
        }
    }

    /** Takes the pending changes, in ascending version, with the listing's version they lead to. */
    Batch drain() {
        Map<String, Change> taken;
        long version;
        synchronized (lock) {
            taken = pending;
            version = current.version;
            if (taken.isEmpty()) {
                return new Batch(version, List.of());
            }
            pending = new HashMap<>();
        }
        List<Change> changes = new ArrayList<>(taken.values());
        changes.sort(Comparator.comparingLong(Change::version));
        return new Batch(version, changes);
    }

    /**
     * A room's changes since the last batch, as one: its latest state at {@code version}. A room created
     * since then stays {@code ROOM_CREATED} whatever followed, with the version it was created at
     * ({@code createdVersion}; 0 for any other change), so that watchers whose snapshot already lists it
     * can be told of an update instead.
     */
    record Change(LobbyEventType type, RoomSummary room, long version, long createdVersion) {

        /** The event for watchers at {@code watcherVersion}: a room their snapshot already lists is updated, not created. */
        LobbyEventType typeFor(long watcherVersion) {
            return type == LobbyEventType.ROOM_CREATED && createdVersion <= watcherVersion ? LobbyEventType.ROOM_UPDATED : type;
        }
    }

    /** Changes in ascending version; after all of them a watcher is at {@code version}. */
    record Batch(long version, List<Change> changes) {
    }

    /** A listed room and its sort key, computed once when the room is listed or updated. */
    static final class Entry extends ListingKey {
        final RoomSummary room;

        Entry(RoomSummary room) {
            super(room.getName().toLowerCase(Locale.ROOT), room.getId());
            this.room = room;
        }
    }
}
