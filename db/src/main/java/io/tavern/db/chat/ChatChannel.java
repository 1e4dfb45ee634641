package io.tavern.db.chat;

import java.util.Objects;

/**
 * One sequence of chat messages: the lobby, one room (by its unique id, never its name), the whispers
 * between two players (by their stable identities, never their names), or system announcements. History
 * is paged within one channel, by message id.
 *
 * <p>In the table a channel is {@link #id()}: a 64-bit hash of its {@link #key()}, so that the primary key
 * (channel, last_id) of {@code chat_chunk} is two BIGINTs, cheap to index. Two channels whose keys hash alike
 * would share index ranges, never chunks: every chunk also holds its channel's {@link #key()}, which history
 * queries compare, so a collision costs a few rows read, and never shows one channel's messages in another.
 *
 * <p>Keys: {@code LOBBY}, {@code ROOM:<room id>}, {@code SYSTEM}, {@code SYSTEM:<room id>},
 * {@code WHISPER:<party>|<party>} (the two identity keys, sorted, so either side names the same channel).
 */
public final class ChatChannel {

    /** Width of the room id and room name columns. */
    public static final int MAX_ROOM_ID_LENGTH = 64;
    /** Width of the party columns: a whisper party's identity key. */
    public static final int MAX_PARTY_LENGTH = 64;

    private static final ChatChannel LOBBY = new ChatChannel(ChatScope.LOBBY, "LOBBY", null, null, null);
    private static final ChatChannel SYSTEM = new ChatChannel(ChatScope.SYSTEM, "SYSTEM", null, null, null);

    private final ChatScope scope;
    private final String key;
    private final long id;
    private final String roomId;
    private final String party;
    private final String otherParty;

    private ChatChannel(ChatScope scope, String key, String roomId, String party, String otherParty) {
        this.scope = scope;
        this.key = key;
        this.id = hash(key);
        this.roomId = roomId;
        this.party = party;
        this.otherParty = otherParty;
    }

    public static ChatChannel lobby() {
        return LOBBY;
    }

    /** A room's messages, by the room's unique id: a later room with the same name is another channel. */
    public static ChatChannel room(String roomId) {
        return new ChatChannel(ChatScope.ROOM, "ROOM:" + requireRoomId(roomId), roomId, null, null);
    }

    /**
     * The whispers between two players, whichever of them wrote: by their identities (an account, or one
     * guest session), so that whoever holds either name later reads none of them.
     */
    public static ChatChannel whisper(String oneParty, String otherParty) {
        requireParty(oneParty);
        requireParty(otherParty);
        boolean ordered = oneParty.compareTo(otherParty) <= 0;
        String low = ordered ? oneParty : otherParty;
        String high = ordered ? otherParty : oneParty;
        return new ChatChannel(ChatScope.WHISPER, "WHISPER:" + low + "|" + high, null, low, high);
    }

    /** Announcements to everyone. */
    public static ChatChannel system() {
        return SYSTEM;
    }

    /** Announcements to one room. */
    public static ChatChannel system(String roomId) {
        return new ChatChannel(ChatScope.SYSTEM, "SYSTEM:" + requireRoomId(roomId), roomId, null, null);
    }

    public ChatScope scope() {
        return scope;
    }

    public String key() {
        return key;
    }

    /** The {@code channel} column: {@link #hash} of the key. */
    public long id() {
        return id;
    }

    /** ROOM, and SYSTEM to one room: the room's id; else {@code null}. */
    String roomId() {
        return roomId;
    }

    /** WHISPER: the party whose identity key sorts first; else {@code null}. */
    String lowParty() {
        return party;
    }

    /** WHISPER: the party whose identity key sorts last (the same as {@link #lowParty()} for whispers to oneself). */
    String highParty() {
        return otherParty;
    }

    /**
     * The channel a {@link #key()} names: what a stored chunk of messages says it belongs to.
     *
     * @throws IllegalArgumentException for a string no channel has as its key
     */
    static ChatChannel ofKey(String key) {
        Objects.requireNonNull(key, "key");
        int colon = key.indexOf(':');
        String kind = colon < 0 ? key : key.substring(0, colon);
        String rest = colon < 0 ? null : key.substring(colon + 1);
        switch (kind) {
            case "LOBBY":
                if (rest == null) {
                    return LOBBY;
                }
                break;
            case "SYSTEM":
                return rest == null ? SYSTEM : system(rest);
            case "ROOM":
                if (rest != null) {
                    return room(rest);
                }
                break;
            case "WHISPER":
                int bar = rest == null ? -1 : rest.indexOf('|');
                if (bar >= 0) {
                    ChatChannel channel = whisper(rest.substring(0, bar), rest.substring(bar + 1));
                    if (channel.key.equals(key)) {
                        return channel;
                    }
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("not a chat channel's key: '" + key + "'");
    }

    /**
     * The channel id of a channel key in the form {@link #key()} has: for the migration that moved the
     * archive from key strings to channel ids, whose old keys for the lobby, rooms and announcements are
     * exactly these.
     */
    public static long idOfKey(String key) {
        return hash(Objects.requireNonNull(key, "key"));
    }

    /**
     * The channel id of a key: FNV-1a over the key's UTF-16 code units, then MurmurHash3's 64-bit finalizer
     * to spread the bits. Stored in every row, so it must never change.
     */
    static long hash(CharSequence key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    static String requireRoomId(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        if (roomId.isBlank() || roomId.length() > MAX_ROOM_ID_LENGTH) {
            throw new IllegalArgumentException("a room id has 1 to " + MAX_ROOM_ID_LENGTH + " characters: '" + roomId + "'");
        }
        return roomId;
    }

    static String requireParty(String party) {
        Objects.requireNonNull(party, "party");
        if (party.isBlank() || party.length() > MAX_PARTY_LENGTH || party.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a party is 1 to " + MAX_PARTY_LENGTH + " characters without '|': '"
                    + party + "'");
        }
        return party;
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
