package io.tavern.cli.bench.baseline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The bare baseline's rooms, by id and by name; a room goes when its last member leaves. */
final class BareLobby {

    private final Map<String, BareRoom> byId = new ConcurrentHashMap<>();
    private final Map<String, BareRoom> byName = new ConcurrentHashMap<>();
    private final AtomicLong lastRoomId = new AtomicLong();
    private final int loops;

    BareLobby(int loops) {
        this.loops = loops;
    }

    /** A new room, or null when the name is taken. */
    BareRoom create(String name, int capacity) {
        BareRoom room = new BareRoom("r" + lastRoomId.incrementAndGet(), name, capacity, loops);
        if (byName.putIfAbsent(name, room) != null) {
            return null;
        }
        byId.put(room.id(), room);
        return room;
    }

    /** By id first, then by name; null when there is none. */
    BareRoom find(String idOrName) {
        BareRoom room = byId.get(idOrName);
        return room != null ? room : byName.get(idOrName);
    }

    void leave(BareRoom room, BareSession member) {
        if (room.remove(member) == 0) {
            byId.remove(room.id(), room);
            byName.remove(room.name(), room);
        }
    }
}
