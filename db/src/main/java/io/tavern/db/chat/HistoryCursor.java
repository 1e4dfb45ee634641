package io.tavern.db.chat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;

/**
 * The position after which the next (older) history page starts: the (sent_at, id) of the last message
 * returned. Ids are unique within a channel, so the pair is too: messages that share a millisecond are
 * told apart by their id, and none is skipped or repeated from page to page.
 *
 * <p>Clients get it as an opaque string: URL-safe Base64 of a version byte, the epoch millisecond and the id.
 */
record HistoryCursor(Instant sentAt, long id) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Long.BYTES + Long.BYTES;

    static HistoryCursor after(ArchivedMessage message) {
        return new HistoryCursor(message.sentAt(), message.id());
    }

    String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(BYTES).put(VERSION).putLong(sentAt.toEpochMilli()).putLong(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws InvalidCursorException for anything {@link #encode()} did not produce */
    static HistoryCursor decode(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException(cursor);
        }
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw new InvalidCursorException(cursor);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        return new HistoryCursor(Instant.ofEpochMilli(buffer.getLong()), buffer.getLong());
    }
}
