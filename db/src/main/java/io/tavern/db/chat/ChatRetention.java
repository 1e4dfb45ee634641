package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.Timestamps;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes archived chat older than a moment, in batches of bounded size, each batch its own task on the DB
 * executor. A purge of a year's backlog is then many short transactions, not one that holds locks and grows
 * the transaction log for minutes; between two batches the executor runs whatever else was queued, the
 * archive's inserts among them. Old chunks and the new chunks the archive inserts are never the same rows, so
 * the two do not wait for each other's locks.
 *
 * <p>The archive stores chunks ({@link ChatChunk}), and retention deletes whole chunks: a chunk goes once its
 * newest message ({@code last_sent_at}) is older than the cut-off. A chunk spans at most
 * {@link ChunkEncoder#MAX_SPAN} (in practice the archive's flush interval, a tenth of a second), so no message
 * outlives the retention by more than that. Each batch finds its chunks by {@code last_sent_at} (index
 * {@code chat_chunk_sent_ix}), oldest first, and deletes them by primary key, in one transaction.
 */
public final class ChatRetention {

    private static final String OLDEST = "SELECT channel, last_id, message_count FROM chat_chunk"
            + " WHERE last_sent_at < ? ORDER BY last_sent_at LIMIT ?";
    private static final String DELETE = "DELETE FROM chat_chunk WHERE channel = ? AND last_id = ?";

    private final Database database;

    public ChatRetention(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** What one batch deleted: {@code chunks} rows holding {@code messages} messages. */
    public record PurgedBatch(int chunks, int messages) {
    }

    /**
     * Deletes one batch: up to {@code batchSize} of the oldest chunks whose newest message was sent before
     * {@code olderThan}.
     *
     * @return what it deleted; fewer than {@code batchSize} chunks when none older are left
     */
    public CompletableFuture<PurgedBatch> purgeBatch(Instant olderThan, int batchSize) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: at least 1, not " + batchSize);
        }
        return database.submitInTransaction(jdbc -> {
            List<StoredChunk> oldest = jdbc.query(OLDEST, statement -> {
                Timestamps.set(statement, 1, olderThan);
                statement.setInt(2, batchSize);
            }, (row, n) -> new StoredChunk(row.getLong("channel"), row.getLong("last_id"), row.getInt("message_count")));
            jdbc.batchUpdate(DELETE, oldest, oldest.size(), (statement, chunk) -> {
                statement.setLong(1, chunk.channel());
                statement.setLong(2, chunk.lastId());
            });
            return new PurgedBatch(oldest.size(), oldest.stream().mapToInt(StoredChunk::messages).sum());
        });
    }

    /**
     * Deletes every chunk whose newest message was sent before {@code olderThan}, one batch after another:
     * the next batch is queued only when the last one finished, so the purge holds at most one DB thread at a
     * time.
     *
     * @param batchSize chunks per batch
     * @param listener  told of each batch's messages, on the DB thread that ran it
     * @return how many messages it deleted in all; fails as the first batch that failed (those before it stay
     *     deleted)
     */
    public CompletableFuture<Long> purge(Instant olderThan, int batchSize, BatchListener listener) {
        Objects.requireNonNull(listener, "listener");
        return purgeFrom(olderThan, batchSize, listener, 0);
    }

    private CompletableFuture<Long> purgeFrom(Instant olderThan, int batchSize, BatchListener listener, long sofar) {
        return purgeBatch(olderThan, batchSize).thenCompose(deleted -> {
            listener.purged(deleted.messages());
            long total = sofar + deleted.messages();
            return deleted.chunks() < batchSize ? CompletableFuture.completedFuture(total)
                    : purgeFrom(olderThan, batchSize, listener, total);
        });
    }

    /** Hears of each batch a {@link #purge} deletes. */
    @FunctionalInterface
    public interface BatchListener {
        void purged(int messages);
    }

    private record StoredChunk(long channel, long lastId, int messages) {
    }
}
