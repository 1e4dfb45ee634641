package io.tavern.server.lobby;

import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.RoomSummary;
import java.util.ArrayList;
import java.util.Arrays;
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
 * copy); readers take the published {@link Snapshot}, an immutable sorted array, without a lock. A
 * listing therefore pages over precomputed keys: it never sorts, and never builds an entry.
 *
 * <p>Every change is also kept in a map of pending changes, one per room, where the latest wins: the
 * {@link LobbyFeed} {@linkplain #drain() drains} it at its own pace, which is all that coalescing is.
 * A change gets its version, enters the snapshot and enters the pending map under one lock, so a
 * listing at version V and the feed's changes after V never overlap and never leave a gap.
 */
final class RoomListing {

    private final Object lock = new Object();
    private volatile Snapshot current = Snapshot.EMPTY; // written under the lock
    private Map<String, Change> pending = new HashMap<>(); // guarded by the lock

    /** The listing as it is now; safe from any thread. */
    Snapshot snapshot() {
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
            Snapshot before = current;
            int at = before.indexOf(entry);
            Snapshot after;
            LobbyEventType change;
            if (type == LobbyEventType.ROOM_REMOVED) {
                if (at < 0) {
                    return false;
                }
                after = before.without(at);
                change = LobbyEventType.ROOM_REMOVED;
            } else if (at >= 0) {
                if (before.entries[at].room.equals(room)) {
                    return false;
                }
                after = before.replacing(at, entry);
                change = LobbyEventType.ROOM_UPDATED;
            } else {
                after = before.inserting(-at - 1, entry);
                change = LobbyEventType.ROOM_CREATED;
            }
            Change previous = pending.get(room.getId());
            if (change == LobbyEventType.ROOM_UPDATED && previous != null
                    && previous.type() == LobbyEventType.ROOM_CREATED) {
                change = LobbyEventType.ROOM_CREATED; // still new to whoever has not heard of it yet
            }
            pending.put(room.getId(), new Change(change, room, after.version));
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

    /** One room's latest change since the last drain, and the version it brought the listing to. */
    record Change(LobbyEventType type, RoomSummary room, long version) {
    }

    /** Changes in ascending version; after all of them a watcher is at {@code version}. */
    record Batch(long version, List<Change> changes) {
    }

    /** A listed room and its sort key, computed once when the room is listed or updated. */
    static final class Entry implements Comparable<Entry> {
        final String name; // lower case
        final String id;
        final RoomSummary room;

        Entry(RoomSummary room) {
            this(room.getName().toLowerCase(Locale.ROOT), room.getId(), room);
        }

        private Entry(String name, String id, RoomSummary room) {
            this.name = name;
            this.id = id;
            this.room = room;
        }

        @Override
        public int compareTo(Entry other) {
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : id.compareTo(other.id);
        }
    }

    /**
     * The list at one version: immutable, so it can be read from any thread and held for a watcher
     * paging through its snapshot.
     */
    static final class Snapshot {

        static final Snapshot EMPTY = new Snapshot(0, new Entry[0]);

        final long version;
        private final Entry[] entries;

        private Snapshot(long version, Entry[] entries) {
            this.version = version;
            this.entries = entries;
        }

        int size() {
            return entries.length;
        }

        Entry get(int index) {
            return entries[index];
        }

        /** The index of the room with this key, or {@code -(insertion point) - 1}. */
        int indexOf(Entry key) {
            return Arrays.binarySearch(entries, key);
        }

        /** The index of the first room sorted after {@code key}, listed or not. */
        int indexAfter(Cursor key) {
            int at = indexOf(new Entry(key.name(), key.id(), null));
            return at >= 0 ? at + 1 : -at - 1;
        }

        private Snapshot inserting(int at, Entry entry) {
            Entry[] next = new Entry[entries.length + 1];
            System.arraycopy(entries, 0, next, 0, at);
            next[at] = entry;
            System.arraycopy(entries, at, next, at + 1, entries.length - at);
            return new Snapshot(version + 1, next);
        }

        private Snapshot replacing(int at, Entry entry) {
            Entry[] next = entries.clone();
            next[at] = entry;
            return new Snapshot(version + 1, next);
        }

        private Snapshot without(int at) {
            Entry[] next = new Entry[entries.length - 1];
            System.arraycopy(entries, 0, next, 0, at);
            System.arraycopy(entries, at + 1, next, at, entries.length - at - 1);
            return new Snapshot(version + 1, next);
        }
    }

    /**
     * Where a page ended: the sort key of its last room. Sent to clients as an opaque string,
     * {@code id:name}; room ids never hold a colon, so the first one splits it.
     */
    record Cursor(String id, String name) {

        static Cursor after(Entry entry) {
            return new Cursor(entry.id, entry.name);
        }

        /** Null when {@code text} is not a cursor this server made. */
        static Cursor parse(String text) {
            int colon = text.indexOf(':');
            return colon <= 0 ? null : new Cursor(text.substring(0, colon), text.substring(colon + 1));
        }

        String text() {
            return id + ":" + name;
        }
    }
}
