package io.tavern.server.lobby;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestRejected;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A room's settings, validated. Capacity 2..max (0 asks for the configured default), at least 1 and at
 * most capacity players needed to start (0 asks for the configured default, or the capacity when that is
 * smaller), at most 16 metadata pairs of short keys and values.
 */
record RoomSettings(String name, int capacity, boolean isPrivate, RoomPassword password,
                    Map<String, String> metadata, int minPlayers) {

    static final int MAX_METADATA = 16;
    static final int MAX_KEY = 32;
    static final int MAX_VALUE = 64;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.'-]{0,30}[\\p{L}\\p{N}]");

    static RoomSettings of(CreateRoom request, RoomLimits limits) {
        String name = request.getName().strip();
        if (!NAME.matcher(name).matches()) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT,
                    "room names are 2-32 letters, digits, spaces and _ . ' - , starting and ending with a letter or digit");
        }
        int capacity = capacity(request.getCapacity() == 0 ? limits.defaultCapacity() : request.getCapacity(),
                limits.maxCapacity());
        int minPlayers = minPlayers(request.getMinPlayers() == 0 ? Math.min(limits.defaultMinPlayers(), capacity)
                : request.getMinPlayers(), capacity);
        return new RoomSettings(name, capacity, request.getPrivate(), RoomPassword.of(request.getPassword()),
                metadata(request.getMetadataMap()), minPlayers);
    }

    static int capacity(int capacity, int maxCapacity) {
        if (capacity < 2 || capacity > maxCapacity) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "capacity must be 2.." + maxCapacity);
        }
        return capacity;
    }

    static int minPlayers(int minPlayers, int capacity) {
        if (minPlayers < 1 || minPlayers > capacity) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "min_players must be 1..capacity (" + capacity + ")");
        }
        return minPlayers;
    }

    static Map<String, String> metadata(Map<String, String> requested) {
        if (requested.size() > MAX_METADATA) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "at most " + MAX_METADATA + " metadata pairs");
        }
        for (Map.Entry<String, String> pair : requested.entrySet()) {
            if (pair.getKey().isEmpty() || pair.getKey().length() > MAX_KEY || pair.getValue().length() > MAX_VALUE) {
                throw new RequestRejected(ErrorCode.INVALID_ARGUMENT,
                        "metadata keys are 1-" + MAX_KEY + " characters and values at most " + MAX_VALUE);
            }
        }
        return new TreeMap<>(requested);
    }
}
