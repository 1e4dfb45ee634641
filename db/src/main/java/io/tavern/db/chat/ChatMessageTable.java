package io.tavern.db.chat;

import io.tavern.db.Timestamps;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The {@code chat_message} table's columns, in one place for the archive's writes and the history's reads. */
final class ChatMessageTable {

    /**
     * Insert-if-absent on the primary key (scope_key, id), so writing a batch again after a lost commit
     * acknowledgement stores nothing twice. Without a conflict target this one statement is valid on
     * PostgreSQL and on H2 in PostgreSQL mode.
     */
    static final String INSERT_IF_ABSENT = """
            INSERT INTO chat_message (scope_key, id, scope, room_id, room_name, sender, recipient, text, sent_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    static final String COLUMNS = "id, scope, room_id, room_name, sender, recipient, text, sent_at";

    static final RowMapper<ArchivedMessage> MESSAGE = (row, n) -> new ArchivedMessage(row.getLong("id"),
            ChatScope.valueOf(row.getString("scope")), row.getString("room_id"), row.getString("room_name"),
            row.getString("sender"), row.getString("recipient"), row.getString("text"),
            Timestamps.get(row, "sent_at"));

    private ChatMessageTable() {
    }

    static void bindInsert(PreparedStatement insert, ArchivedMessage message) throws SQLException {
        insert.setString(1, message.channel().key());
        insert.setLong(2, message.id());
        insert.setString(3, message.scope().name());
        insert.setString(4, message.roomId());
        insert.setString(5, message.roomName());
        insert.setString(6, message.sender());
        insert.setString(7, message.recipient());
        insert.setString(8, message.text());
        Timestamps.set(insert, 9, message.sentAt());
    }
}
