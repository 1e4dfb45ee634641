package io.tavern.db.chat;

import io.tavern.db.NameKey;

import java.util.Objects;

/**
 * One sequence of chat messages: the lobby, one room (by its unique id, never its name), the whispers
 * between two users (in either direction, names in any case), or system announcements. Message ids
 * increase within a channel, and history is paged within one.
 *
 * <p>{@link #key()} is what the {@code scope_key} column holds: {@code LOBBY}, {@code ROOM:<room id>},
 * {@code WHISPER:<name key>:<name key>} (sorted), {@code SYSTEM} or {@code SYSTEM:<room id>}.
 */
public final class ChatChannel {

    /** Width of the room id and room name columns. */
    public static final int MAX_ROOM_ID_LENGTH = 64;

    private static final ChatChannel LOBBY = new ChatChannel(ChatScope.LOBBY, "LOBBY");
    private static final ChatChannel SYSTEM = new ChatChannel(ChatScope.SYSTEM, "SYSTEM");

    private final ChatScope scope;
    private final String key;

    private ChatChannel(ChatScope scope, String key) {
        this.scope = scope;
        this.key = key;
    }

    public static ChatChannel lobby() {
        return LOBBY;
    }

    /** A room's messages, by the room's unique id: a later room with the same name is another channel. */
    public static ChatChannel room(String roomId) {
        return new ChatChannel(ChatScope.ROOM, "ROOM:" + requireRoomId(roomId));
    }

    /** The whispers between two users, whichever of them wrote, whatever the case of their names. */
    public static ChatChannel whisper(String oneUser, String otherUser) {
        String one = NameKey.of(oneUser);
        String other = NameKey.of(otherUser);
        return new ChatChannel(ChatScope.WHISPER, one.compareTo(other) <= 0
                ? "WHISPER:" + one + ":" + other
                : "WHISPER:" + other + ":" + one);
    }

    /** Announcements to everyone. */
    public static ChatChannel system() {
        return SYSTEM;
    }

    /** Announcements to one room. */
    public static ChatChannel system(String roomId) {
        return new ChatChannel(ChatScope.SYSTEM, "SYSTEM:" + requireRoomId(roomId));
    }

    public ChatScope scope() {
        return scope;
    }

    public String key() {
        return key;
    }

    static String requireRoomId(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        if (roomId.isBlank() || roomId.length() > MAX_ROOM_ID_LENGTH) {
            throw new IllegalArgumentException("a room id has 1 to " + MAX_ROOM_ID_LENGTH + " characters: '" + roomId + "'");
        }
        return roomId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatChannel that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
