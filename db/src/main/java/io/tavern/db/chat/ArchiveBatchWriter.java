package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one batch of archived messages on the database's background lane, in one transaction, so it is stored whole or
 * not at all. The rows go in through a {@link RowInserter}: COPY on PostgreSQL, multi-row INSERTs on H2.
 *
 * <p>The insert has no "if absent" clause: a key (channel, id) that is already stored fails the batch. The
 * batch is then written again one message at a time, and each message whose key is taken is compared with
 * the stored row. The same message (an earlier attempt committed but its acknowledgement was lost) counts
 * as stored; another message under the same key is a conflict, reported as a failure and never as written.
 * A message that breaks any other constraint is refused for good. Any other error (the database is
 * unreachable) fails the future, and the caller retries the batch.
 */
final class ArchiveBatchWriter {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String INTEGRITY_VIOLATION_CLASS = "23";

    private final Database database;
    private final RowInserter inserter;
    private final RowInserter oneByOne = new MultiRowInserter();

    ArchiveBatchWriter(Database database, RowInserter inserter) {
        this.database = Objects.requireNonNull(database, "database");
        this.inserter = Objects.requireNonNull(inserter, "inserter");
    }

    /** COPY on PostgreSQL, multi-row INSERTs elsewhere: the fastest way each database has (see docs/archive.md). */
    static ArchiveBatchWriter forDatabase(Database database) {
        return new ArchiveBatchWriter(database,
                database.dialect() == SqlDialect.POSTGRESQL ? new CopyInserter() : new MultiRowInserter());
    }

    /** @param batch not changed by anyone until the future completes */
    CompletableFuture<BatchOutcome> write(List<ArchivedMessage> batch) {
        return database.submitBackground(jdbc -> { // never behind the players' queries
            try (Connection connection = database.dataSource().getConnection()) {
                try {
                    return write(connection, batch);
                } catch (SQLException failed) {
                    if (hasState(failed, CONNECTION_EXCEPTION_CLASS)) {
                        database.evict(connection); // COPY broke it where the pool could not see
                    }
                    throw failed;
                }
            }
        });
    }

    private BatchOutcome write(Connection connection, List<ArchivedMessage> batch) throws SQLException {
        try {
            insertInTransaction(connection, inserter, batch);
            return BatchOutcome.allStored(batch.size());
        } catch (SQLException failed) {
            if (!hasState(failed, INTEGRITY_VIOLATION_CLASS)) {
                throw failed;
            }
            return writeOneByOne(connection, batch);
        }
    }

    private BatchOutcome writeOneByOne(Connection connection, List<ArchivedMessage> batch) throws SQLException {
        int stored = 0;
        List<ArchivedMessage> conflicts = new ArrayList<>();
        List<BatchOutcome.Refusal> refused = new ArrayList<>();
        for (ArchivedMessage message : batch) {
            try {
                insertInTransaction(connection, oneByOne, List.of(message));
                stored++;
            } catch (SQLException failed) {
                if (hasState(failed, UNIQUE_VIOLATION)) {
                    if (isStoredAsIs(connection, message)) {
                        stored++;
                    } else {
                        conflicts.add(message);
                    }
                } else if (hasState(failed, INTEGRITY_VIOLATION_CLASS)) {
                    refused.add(new BatchOutcome.Refusal(message, failed));
                } else {
                    throw failed;
                }
            }
        }
        return new BatchOutcome(stored, conflicts, refused);
    }

    private static void insertInTransaction(Connection connection, RowInserter inserter, List<ArchivedMessage> messages)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            inserter.insert(connection, messages);
            connection.commit();
        } catch (SQLException | RuntimeException failed) {
            try {
                connection.rollback();
            } catch (SQLException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        // the pool puts auto-commit back when the connection returns to it
    }

    private static boolean isStoredAsIs(Connection connection, ArchivedMessage message) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(ChatMessageTable.FIND)) {
            find.setLong(1, message.channel().id());
            find.setLong(2, message.id());
            try (ResultSet row = find.executeQuery()) {
                return row.next() && ChatMessageTable.sameMessage(row, message);
            }
        }
    }

    /** Whether the error, or one it chains (a batch's next exception, a cause), has an SQLState starting so. */
    private static boolean hasState(SQLException failure, String prefix) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && next.getSQLState().startsWith(prefix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
