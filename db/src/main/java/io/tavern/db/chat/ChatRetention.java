package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.Timestamps;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes archived chat older than a moment, in batches of bounded size, each batch its own task on the DB
 * executor. A purge of a year's backlog is then many short transactions, not one that holds locks and grows
 * the transaction log for minutes; between two batches the executor runs whatever else was queued, the
 * archive's inserts among them. Old rows and the new rows the archive inserts are never the same rows, so the
 * two do not wait for each other's locks.
 *
 * <p>Each batch finds its rows by {@code sent_at} (index {@code chat_message_sent_ix}), oldest first, and
 * deletes them by primary key: a statement that runs unchanged on PostgreSQL and H2, neither of which has
 * {@code DELETE ... LIMIT}.
 */
public final class ChatRetention {

    private static final String DELETE_BATCH = """
            DELETE FROM chat_message WHERE (channel, id) IN (
                SELECT channel, id FROM chat_message WHERE sent_at < ? ORDER BY sent_at LIMIT ?)""";

    private final Database database;

    public ChatRetention(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Deletes one batch: up to {@code batchSize} of the oldest messages sent before {@code olderThan}.
     *
     * @return how many it deleted; fewer than {@code batchSize} when none older are left
     */
    public CompletableFuture<Integer> purgeBatch(Instant olderThan, int batchSize) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: at least 1, not " + batchSize);
        }
        return database.submit(jdbc -> jdbc.update(DELETE_BATCH, statement -> {
            Timestamps.set(statement, 1, olderThan);
            statement.setInt(2, batchSize);
        }));
    }

    /**
     * Deletes every message sent before {@code olderThan}, one batch after another: the next batch is queued
     * only when the last one finished, so the purge holds at most one DB thread at a time.
     *
     * @param listener told of each batch, on the DB thread that ran it
     * @return how many it deleted in all; fails as the first batch that failed (those before it stay deleted)
     */
    public CompletableFuture<Long> purge(Instant olderThan, int batchSize, BatchListener listener) {
        Objects.requireNonNull(listener, "listener");
        return purgeFrom(olderThan, batchSize, listener, 0);
    }

    private CompletableFuture<Long> purgeFrom(Instant olderThan, int batchSize, BatchListener listener, long sofar) {
        return purgeBatch(olderThan, batchSize).thenCompose(deleted -> {
            listener.purged(deleted);
            long total = sofar + deleted;
            return deleted < batchSize ? CompletableFuture.completedFuture(total)
                    : purgeFrom(olderThan, batchSize, listener, total);
        });
    }

    /** Hears of each batch a {@link #purge} deletes. */
    @FunctionalInterface
    public interface BatchListener {
        void purged(int messages);
    }
}
