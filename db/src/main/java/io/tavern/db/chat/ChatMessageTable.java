package io.tavern.db.chat;

import io.tavern.db.Timestamps;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code chat_message} table's columns (see {@code V6__chat_message_compact_keys}), in one place for the
 * archive's writes and the history's reads.
 */
final class ChatMessageTable {

    /** Every column, in insert (and COPY) order. */
    static final String COLUMNS = "channel, id, scope, room_id, room_name, sender, recipient, sender_party,"
            + " recipient_party, text, sent_at";
    static final int COLUMN_COUNT = 11;

    static final RowMapper<ArchivedMessage> MESSAGE = (row, n) -> new ArchivedMessage(row.getLong("id"),
            ChatScope.valueOf(row.getString("scope")), row.getString("room_id"), row.getString("room_name"),
            row.getString("sender"), row.getString("recipient"), row.getString("sender_party"),
            row.getString("recipient_party"), row.getString("text"), Timestamps.get(row, "sent_at"));

    /** The stored row of one message, by its key: what a conflicting insert is compared with. */
    static final String FIND = "SELECT " + COLUMNS + " FROM chat_message WHERE channel = ? AND id = ?";

    private ChatMessageTable() {
    }

    /** A plain INSERT of {@code rows} rows: no conflict clause, so that a repeated key is an error, not a skip. */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder(48 + COLUMNS.length() + rows * 26)
                .append("INSERT INTO chat_message (").append(COLUMNS).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /** Binds one message's row from parameter {@code index} on. */
    static void bind(PreparedStatement insert, int index, ArchivedMessage message) throws SQLException {
        insert.setLong(index, message.channel().id());
        insert.setLong(index + 1, message.id());
        insert.setString(index + 2, message.scope().name());
        insert.setString(index + 3, message.roomId());
        insert.setString(index + 4, message.roomName());
        insert.setString(index + 5, message.sender());
        insert.setString(index + 6, message.recipient());
        insert.setString(index + 7, message.senderParty());
        insert.setString(index + 8, message.recipientParty());
        insert.setString(index + 9, message.text());
        Timestamps.set(insert, index + 10, message.sentAt());
    }

    /** Whether a stored row is this message: the same message written twice, rather than two sharing a key. */
    static boolean sameMessage(ResultSet stored, ArchivedMessage message) throws SQLException {
        return MESSAGE.mapRow(stored, 0).equals(message);
    }

    /** One message as a line of PostgreSQL's COPY text format; see {@link CopyBatchWriter}. */
    static void appendCopyLine(StringBuilder line, ArchivedMessage message) {
        line.append(message.channel().id()).append('\t').append(message.id()).append('\t').append(message.scope().name());
        appendCopyField(line, message.roomId());
        appendCopyField(line, message.roomName());
        appendCopyField(line, message.sender());
        appendCopyField(line, message.recipient());
        appendCopyField(line, message.senderParty());
        appendCopyField(line, message.recipientParty());
        appendCopyField(line, message.text());
        // ISO 8601 in UTC, which timestamptz reads as it is
        line.append('\t').append(message.sentAt()).append('\n');
    }

    /** A tab, then the value with COPY's escapes (backslash, tab, newline, carriage return), or \N for NULL. */
    private static void appendCopyField(StringBuilder line, String value) {
        line.append('\t');
        if (value == null) {
            line.append("\\N");
            return;
        }
        int plain = 0;
        while (plain < value.length() && !needsCopyEscape(value.charAt(plain))) {
            plain++;
        }
        line.append(value, 0, plain); // most lines have nothing to escape: one bulk copy
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    private static boolean needsCopyEscape(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
