package io.tavern.server.lobby;

import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open room, by id and by name. Names are unique among open rooms, case-insensitively, and
 * claimed atomically, so two players racing to create "Arena" cannot both succeed. The directory
 * holds no room state: listings read each room's published summary.
 */
public final class RoomDirectory {

    private final Map<String, Room> byId = new ConcurrentHashMap<>();
    private final Map<String, Room> byName = new ConcurrentHashMap<>();

    /** Registers {@code room} under its name; false if an open room already has the name. */
    boolean register(Room room) {
        if (byName.putIfAbsent(key(room.name()), room) != null) {
            return false;
        }
        byId.put(room.id(), room);
        return true;
    }

    void unregister(Room room) {
        byId.remove(room.id(), room);
        byName.remove(key(room.name()), room);
    }

    /** By id first, then by name. */
    public Optional<Room> find(String idOrName) {
        if (idOrName == null || idOrName.isEmpty()) {
            return Optional.empty();
        }
        Room room = byId.get(idOrName);
        return Optional.ofNullable(room != null ? room : byName.get(key(idOrName)));
    }

    public Collection<Room> rooms() {
        return byId.values();
    }

    public Map<RoomState, Integer> countByState() {
        Map<RoomState, Integer> counts = new EnumMap<>(RoomState.class);
        counts.put(RoomState.OPEN, 0);
        counts.put(RoomState.IN_GAME, 0);
        for (Room room : byId.values()) {
            RoomSummary summary = room.summary();
            counts.merge(summary.getState(), 1, Integer::sum);
        }
        return counts;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
