package io.tavern.server.lobby;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.text.MixedScripts;
import io.tavern.server.text.TextSanitizer;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A room's settings, validated. Capacity 2..max (0 asks for the configured default), at least 1 and at
 * most capacity players needed to start (0 asks for the configured default, or the capacity when that is
 * smaller), at most 16 metadata pairs of short keys and values.
 *
 * <p>The name and the metadata are cleaned first ({@link TextSanitizer}: no control or invisible characters,
 * NFC), and the limits apply to what is left: a name that only looked like another, or an invisible one,
 * cannot be made. A name must not mix scripts that pass for one another ({@link MixedScripts}).
 */
record RoomSettings(String name, int capacity, boolean isPrivate, RoomPassword password,
                    Map<String, String> metadata, int minPlayers) {

    static final int MAX_METADATA = 16;
    static final int MAX_KEY = 32;
    static final int MAX_VALUE = 64;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.'-]{0,30}[\\p{L}\\p{N}]");

    static RoomSettings of(CreateRoom request, RoomLimits limits) {
        String name = name(request.getName());
        int capacity = capacity(request.getCapacity() == 0 ? limits.defaultCapacity() : request.getCapacity(),
                limits.maxCapacity());
        int minPlayers = minPlayers(request.getMinPlayers() == 0 ? Math.min(limits.defaultMinPlayers(), capacity)
                : request.getMinPlayers(), capacity);
        return new RoomSettings(name, capacity, request.getPrivate(), RoomPassword.of(request.getPassword()),
                metadata(request.getMetadataMap()), minPlayers);
    }

    static String name(String requested) {
        String name = TextSanitizer.clean(requested).strip();
        if (!NAME.matcher(name).matches()) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT,
                    "room names are 2-32 letters, digits, spaces and _ . ' - , starting and ending with a letter or digit");
        }
        MixedScripts.confusable(name).ifPresent(why -> {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "room name '" + name + "' is refused: " + why
                    + "; write it in one script");
        });
        return name;
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
        Map<String, String> cleaned = new TreeMap<>();
        for (Map.Entry<String, String> pair : requested.entrySet()) {
            String key = TextSanitizer.clean(pair.getKey()).strip();
            String value = TextSanitizer.clean(pair.getValue()).strip();
            if (key.isEmpty() || key.length() > MAX_KEY || value.length() > MAX_VALUE) {
                throw new RequestRejected(ErrorCode.INVALID_ARGUMENT,
                        "metadata keys are 1-" + MAX_KEY + " characters and values at most " + MAX_VALUE);
            }
            if (cleaned.put(key, value) != null) {
                throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "metadata key '" + key
                        + "' is given twice (once invisible characters are removed)");
            }
        }
        return cleaned;
    }
}
