package io.tavern.db.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts a batch as INSERT statements of {@value #ROWS_PER_STATEMENT} rows each, sent as one JDBC batch:
 * the database parses and plans one statement per hundred rows, not per row. The remainder goes as
 * one-row statements in a JDBC batch (which pgjdbc's {@code reWriteBatchedInserts} folds into multi-row
 * ones too).
 */
final class MultiRowInserter implements RowInserter {

    static final int ROWS_PER_STATEMENT = 100;

    private static final String INSERT_CHUNK = ChatMessageTable.insert(ROWS_PER_STATEMENT);
    private static final String INSERT_ONE = ChatMessageTable.insert(1);

    @Override
    public void insert(Connection connection, List<ArchivedMessage> messages) throws SQLException {
        int chunked = messages.size() - messages.size() % ROWS_PER_STATEMENT;
        if (chunked > 0) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_CHUNK)) {
                for (int first = 0; first < chunked; first += ROWS_PER_STATEMENT) {
                    for (int row = 0; row < ROWS_PER_STATEMENT; row++) {
                        ChatMessageTable.bind(insert, 1 + row * ChatMessageTable.COLUMN_COUNT, messages.get(first + row));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (chunked < messages.size()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ONE)) {
                for (int i = chunked; i < messages.size(); i++) {
                    ChatMessageTable.bind(insert, 1, messages.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
