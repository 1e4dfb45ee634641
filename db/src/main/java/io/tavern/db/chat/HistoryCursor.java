package io.tavern.db.chat;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Where the next (older) history page starts: below the id of the last message returned. Ids are unique
 * and grow with time within a channel, so paging by id neither skips nor repeats a message, even among
 * messages that share a millisecond.
 *
 * <p>Clients get it as an opaque string: URL-safe Base64 of a version byte and the id. Version 1 cursors
 * (made before ids were unique: a version byte, the epoch millisecond, the id) are still read, by their id.
 */
record HistoryCursor(long id) {

    private static final byte VERSION = 2;
    private static final int BYTES = 1 + Long.BYTES;
    private static final byte VERSION_1 = 1;
    private static final int VERSION_1_BYTES = 1 + Long.BYTES + Long.BYTES;

    static HistoryCursor after(ArchivedMessage message) {
        return new HistoryCursor(message.id());
    }

    String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(BYTES).put(VERSION).putLong(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws InvalidCursorException for anything {@link #encode()} (of this or the previous version) did not produce */
    static HistoryCursor decode(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException(cursor);
        }
        if (bytes.length == BYTES && bytes[0] == VERSION) {
            return new HistoryCursor(ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong());
        }
        if (bytes.length == VERSION_1_BYTES && bytes[0] == VERSION_1) {
            return new HistoryCursor(ByteBuffer.wrap(bytes, 1 + Long.BYTES, Long.BYTES).getLong());
        }
        throw new InvalidCursorException(cursor);
    }
}
