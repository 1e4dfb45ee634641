package io.tavern.db.chat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How a batch of messages becomes rows: multi-row INSERTs ({@link MultiRowInserter}, both databases) or
 * PostgreSQL's COPY ({@link CopyInserter}). Runs inside the caller's transaction; a repeated key must fail
 * the whole call (SQLState 23505), never be skipped.
 */
interface RowInserter {

    void insert(Connection connection, List<ArchivedMessage> messages) throws SQLException;
}
