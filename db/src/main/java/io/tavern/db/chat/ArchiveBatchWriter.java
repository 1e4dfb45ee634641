package io.tavern.db.chat;

import io.tavern.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one batch, as its chunks ({@link ChunkEncoder#chunks}), on the database's background lane, in one
 * transaction, so it is stored whole or not at all: one JDBC batch of one-row INSERTs, a row per chunk.
 *
 * <p>The insert has no "if absent" clause: a chunk whose key (channel, last id) is already stored fails the
 * batch. The batch is then written again one chunk at a time, and each chunk whose key is taken is compared
 * with the stored one. The same chunk (an earlier attempt committed but its acknowledgement was lost: a
 * batch always makes the same chunks) counts as stored; another chunk under the same key is a conflict, its
 * messages reported as failures and never as written. A chunk that breaks any other constraint is refused
 * for good. Any other error (the database is unreachable) fails the future, and the caller retries.
 */
final class ArchiveBatchWriter {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String INTEGRITY_VIOLATION_CLASS = "23";

    private final Database database;

    ArchiveBatchWriter(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** @param chunks not changed by anyone until the future completes */
    CompletableFuture<BatchOutcome> write(List<ChatChunk> chunks) {
        return database.submitBackground(jdbc -> { // never behind the players' queries
            try (Connection connection = database.dataSource().getConnection()) {
                try {
                    return write(connection, chunks);
                } catch (SQLException failed) {
                    if (hasState(failed, CONNECTION_EXCEPTION_CLASS)) {
                        database.evict(connection);
                    }
                    throw failed;
                }
            }
        });
    }

    private BatchOutcome write(Connection connection, List<ChatChunk> chunks) throws SQLException {
        try {
            insertInTransaction(connection, chunks);
            return BatchOutcome.allStored(messages(chunks));
        } catch (SQLException failed) {
            if (!hasState(failed, INTEGRITY_VIOLATION_CLASS)) {
                throw failed;
            }
            return writeOneByOne(connection, chunks);
        }
    }

    private BatchOutcome writeOneByOne(Connection connection, List<ChatChunk> chunks) throws SQLException {
        int stored = 0;
        List<ArchivedMessage> conflicts = new ArrayList<>();
        List<BatchOutcome.Refusal> refused = new ArrayList<>();
        for (ChatChunk chunk : chunks) {
            try {
                insertInTransaction(connection, List.of(chunk));
                stored += chunk.count();
            } catch (SQLException failed) {
                if (hasState(failed, UNIQUE_VIOLATION)) {
                    if (isStoredAsIs(connection, chunk)) {
                        stored += chunk.count();
                    } else {
                        conflicts.addAll(chunk.messages());
                    }
                } else if (hasState(failed, INTEGRITY_VIOLATION_CLASS)) {
                    chunk.messages().forEach(message -> refused.add(new BatchOutcome.Refusal(message, failed)));
                } else {
                    throw failed;
                }
            }
        }
        return new BatchOutcome(stored, conflicts, refused);
    }

    private static void insertInTransaction(Connection connection, List<ChatChunk> chunks) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(ChatChunkTable.INSERT)) {
            for (ChatChunk chunk : chunks) {
                ChatChunkTable.bind(insert, chunk);
                insert.addBatch();
            }
            insert.executeBatch();
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

    private static boolean isStoredAsIs(Connection connection, ChatChunk chunk) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(ChatChunkTable.FIND)) {
            find.setLong(1, chunk.channel().id());
            find.setLong(2, chunk.lastId());
            try (ResultSet row = find.executeQuery()) {
                return row.next() && row.getLong("first_id") == chunk.firstId()
                        && row.getString("channel_key").equals(chunk.channel().key())
                        && row.getInt("message_count") == chunk.count()
                        && Arrays.equals(row.getBytes("body"), chunk.body());
            }
        }
    }

    private static int messages(List<ChatChunk> chunks) {
        int messages = 0;
        for (ChatChunk chunk : chunks) {
            messages += chunk.count();
        }
        return messages;
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
