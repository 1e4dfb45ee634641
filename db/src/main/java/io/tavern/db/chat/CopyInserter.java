package io.tavern.db.chat;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL only: streams a batch into {@code chat_message} with {@code COPY ... FROM STDIN} (text format)
 * through pgjdbc's CopyManager. No statement per row and no parameters to bind: the batch is one text
 * buffer, parsed by the server in one pass. COPY has no conflict clause, so a repeated key fails the
 * whole batch, as {@link RowInserter} requires.
 */
final class CopyInserter implements RowInserter {

    private static final String COPY = "COPY chat_message (" + ChatMessageTable.COLUMNS + ") FROM STDIN";
    /** A typical line's length, to size the buffer once. */
    private static final int LINE_GUESS = 192;

    @Override
    public void insert(Connection connection, List<ArchivedMessage> messages) throws SQLException {
        StringBuilder lines = new StringBuilder(messages.size() * LINE_GUESS);
        for (ArchivedMessage message : messages) {
            ChatMessageTable.appendCopyLine(lines, message);
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
