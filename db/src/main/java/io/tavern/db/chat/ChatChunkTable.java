package io.tavern.db.chat;

import io.tavern.db.Timestamps;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The {@code chat_chunk} table (V10) in one place for the archive's writes, the history's reads and the
 * retention's deletes: a row per chunk of a channel's messages ({@link ChatChunk}), primary key
 * {@code (channel, last_id)}, and an index on {@code last_sent_at} for retention.
 */
final class ChatChunkTable {

    static final String INSERT = "INSERT INTO chat_chunk (channel, last_id, first_id, channel_key, scope,"
            + " first_sent_at, last_sent_at, message_count, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A stored chunk by its key, to compare with one whose insert found the key taken. */
    static final String FIND = "SELECT first_id, channel_key, message_count, body FROM chat_chunk"
            + " WHERE channel = ? AND last_id = ?";

    /**
     * The chunks of a channel that may hold messages below an id (parameter 4), newest first, below a
     * last id (parameter 3: where the previous query of the same page stopped), a few at a time.
     */
    static final String PAGE = "SELECT last_id, body FROM chat_chunk WHERE channel = ? AND channel_key = ?"
            + " AND last_id < ? AND first_id < ? ORDER BY last_id DESC LIMIT ?";

    private ChatChunkTable() {
    }

    static void bind(PreparedStatement insert, ChatChunk chunk) throws SQLException {
        insert.setLong(1, chunk.channel().id());
        insert.setLong(2, chunk.lastId());
        insert.setLong(3, chunk.firstId());
        insert.setString(4, chunk.channel().key());
        insert.setString(5, chunk.channel().scope().name());
        Timestamps.set(insert, 6, chunk.firstSentAt());
        Timestamps.set(insert, 7, chunk.lastSentAt());
        insert.setInt(8, chunk.count());
        insert.setBytes(9, chunk.body());
    }
}
