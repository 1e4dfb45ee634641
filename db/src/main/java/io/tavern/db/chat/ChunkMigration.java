package io.tavern.db.chat;

import io.tavern.db.Timestamps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Moves the rows of V6's {@code chat_message} (a row per message) into {@code chat_chunk} (a row per chunk of
 * a channel's messages), for migration V10: each channel's messages ascending by id, cut into chunks as the
 * archive cuts them ({@link ChunkEncoder}: at most {@value ChunkEncoder#MAX_BODY_BYTES} bytes, spanning at most
 * {@link ChunkEncoder#MAX_SPAN}, so retention is as precise for old messages as for new ones).
 *
 * <p>A row that no history can page (a whisper from before V6, which has no parties, or a row that is not a
 * valid message any more) is copied as it is into {@code chat_message_unpaged}, for operators: nothing is
 * dropped.
 */
public final class ChunkMigration {

    private static final int FETCH = 1_000;
    private static final int CHUNKS_PER_BATCH = 100;
    private static final String COLUMNS = "channel, id, scope, room_id, room_name, sender, recipient, sender_party,"
            + " recipient_party, text, sent_at";

    private final PreparedStatement insertChunk;
    private final PreparedStatement insertUnpaged;
    private int pendingChunks;
    private ChunkEncoder encoder;
    private ChatChannel channel;

    private ChunkMigration(Connection connection) throws SQLException {
        this.insertChunk = connection.prepareStatement(ChatChunkTable.INSERT);
        this.insertUnpaged = connection.prepareStatement("INSERT INTO chat_message_unpaged (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Reads every row of {@code chat_message} and writes it as chunks into {@code chat_chunk}, or, when it is
     * not a pageable message, into {@code chat_message_unpaged}. Both tables exist and are empty.
     */
    public static void moveRows(Connection connection) throws SQLException {
        ChunkMigration migration = new ChunkMigration(connection);
        try (Statement select = connection.createStatement()) {
            select.setFetchSize(FETCH);
            try (ResultSet row = select.executeQuery("SELECT " + COLUMNS + " FROM chat_message ORDER BY channel, id")) {
                while (row.next()) {
                    migration.move(row);
                }
            }
            migration.finish();
        } finally {
            migration.insertChunk.close();
            migration.insertUnpaged.close();
        }
    }

    private void move(ResultSet row) throws SQLException {
        ArchivedMessage message;
        try {
            message = new ArchivedMessage(row.getLong("id"), ChatScope.valueOf(row.getString("scope")),
                    row.getString("room_id"), row.getString("room_name"), row.getString("sender"),
                    row.getString("recipient"), row.getString("sender_party"), row.getString("recipient_party"),
                    row.getString("text"), Timestamps.get(row, "sent_at"));
        } catch (IllegalArgumentException | NullPointerException notPageable) {
            copyUnpaged(row);
            return;
        }
        ChatChannel of = message.channel();
        if (!of.equals(channel)) {
            closeChannel();
            channel = of;
            encoder = new ChunkEncoder(of);
        }
        encoder.add(message);
    }

    private void closeChannel() throws SQLException {
        if (encoder == null) {
            return;
        }
        for (ChatChunk chunk : encoder.finish()) {
            ChatChunkTable.bind(insertChunk, chunk);
            insertChunk.addBatch();
            if (++pendingChunks == CHUNKS_PER_BATCH) {
                insertChunk.executeBatch();
                pendingChunks = 0;
            }
        }
        encoder = null;
    }

    private void finish() throws SQLException {
        closeChannel();
        if (pendingChunks > 0) {
            insertChunk.executeBatch();
        }
        insertUnpaged.executeBatch();
    }

    private void copyUnpaged(ResultSet row) throws SQLException {
        List<String> columns = List.of(COLUMNS.split(", "));
        for (int i = 0; i < columns.size(); i++) {
            insertUnpaged.setObject(i + 1, row.getObject(columns.get(i)));
        }
        insertUnpaged.addBatch();
    }
}
