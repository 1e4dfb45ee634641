package io.tavern.server.lobby;

import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open room, by id and by name. Names are unique among open rooms, case-insensitively, and
 * claimed atomically, so two players racing to create "Arena" cannot both succeed. The directory
 * holds no room state: listings read each room's published summary.
 *
 * <p>It also keeps the caps on rooms: at most {@code maxRooms} open in all, and at most
 * {@code maxRoomsPerPlayer} open among those one player created (an empty room counts until it closes).
 * Each is reserved atomically before the name is claimed, so racing creators cannot pass a cap together.
 */
public final class RoomDirectory {

    /** What {@link #register} did. */
    enum Registration { REGISTERED, NAME_TAKEN, SERVER_CAP, PLAYER_CAP }

    private final int maxRooms;
    private final int maxRoomsPerPlayer;
    private final Map<String, Room> byId = new ConcurrentHashMap<>();
    private final Map<String, Room> byName = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, String> creatorOf = new ConcurrentHashMap<>(); // room id -> creator's identity key
    private final Map<String, Integer> openByCreator = new ConcurrentHashMap<>();

    public RoomDirectory(int maxRooms, int maxRoomsPerPlayer) {
        this.maxRooms = maxRooms;
        this.maxRoomsPerPlayer = maxRoomsPerPlayer;
    }

    /**
     * Registers {@code room}, created by {@code creator} (an identity key), under its name, unless a cap is
     * reached or an open room already has the name.
     */
    Registration register(Room room, String creator) {
        if (open.incrementAndGet() > maxRooms) {
            open.decrementAndGet();
            return Registration.SERVER_CAP;
        }
        boolean[] withinCap = {false};
        openByCreator.compute(creator, (key, count) -> {
            int created = count == null ? 0 : count;
            if (created >= maxRoomsPerPlayer) {
                return count;
            }
            withinCap[0] = true;
            return created + 1;
        });
        if (!withinCap[0]) {
            open.decrementAndGet();
            return Registration.PLAYER_CAP;
        }
        if (byName.putIfAbsent(key(room.name()), room) != null) {
            open.decrementAndGet();
            forgetOne(creator);
            return Registration.NAME_TAKEN;
        }
        creatorOf.put(room.id(), creator);
        byId.put(room.id(), room);
        return Registration.REGISTERED;
    }

    void unregister(Room room) {
        if (byId.remove(room.id(), room)) {
            open.decrementAndGet();
            String creator = creatorOf.remove(room.id());
            if (creator != null) {
                forgetOne(creator);
            }
        }
        byName.remove(key(room.name()), room);
    }

    private void forgetOne(String creator) {
        openByCreator.computeIfPresent(creator, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Open rooms {@code creator} (an identity key) created. */
    int openCreatedBy(String creator) {
        return openByCreator.getOrDefault(creator, 0);
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
