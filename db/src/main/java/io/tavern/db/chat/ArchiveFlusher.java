package io.tavern.db.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The archive's single consumer: sleeps until a batch is full or the flush interval has passed, encodes the
 * batch into chunks (a row per channel, {@link ChunkEncoder}) and writes them through the database's background lane (never behind the players' queries), and keeps it until it
 * is stored.
 *
 * <p>Invariant: a batch taken from the queue is retried, with capped exponential back-off, until the
 * database has answered for every message in it (stored, or refused for good, or in conflict with a stored
 * one: see {@link ArchiveBatchWriter}); it is let go only when the close deadline passes (and then counted
 * by {@link ChatArchive#close}).
 *
 * <p>This thread never runs JDBC itself; it waits for the background lane, and it is the only waiter, so the
 * archive occupies at most one of that lane's threads at a time.
 */
final class ArchiveFlusher implements Runnable {

    private final ArchiveQueue queue;
    private final ArchiveBatchWriter writer;
    private final ArchiveHealth health;
    private final int maxBatchSize;
    private final long flushIntervalNanos;
    private final RetryBackoff backoff;
    private volatile int inFlight;
    private volatile boolean closing;
    private volatile long closeDeadlineNanos;

    ArchiveFlusher(ArchiveQueue queue, ArchiveBatchWriter writer, ArchiveHealth health, ChatArchiveConfig config) {
        this.queue = queue;
        this.writer = writer;
        this.health = health;
        this.maxBatchSize = config.maxBatchSize();
        this.flushIntervalNanos = config.flushInterval().toNanos();
        this.backoff = new RetryBackoff(config.initialBackoff(), config.maxBackoff());
    }

    /** Messages taken from the queue and not yet stored. */
    int inFlight() {
        return inFlight;
    }

    /** From now on, stop retrying at {@code deadlineNanos} ({@link System#nanoTime()} time). */
    void finishBy(long deadlineNanos) {
        closeDeadlineNanos = deadlineNanos;
        closing = true;
    }

    @Override
    public void run() {
        long nextFlushAt = System.nanoTime() + flushIntervalNanos;
        while (true) {
            queue.awaitBatch(nextFlushAt);
            // Woken by a full batch: full batches go out, and the rest waits for the interval. At the
            // interval, or closing: everything goes out. Either way one wake-up drains many batches.
            boolean everything = System.nanoTime() - nextFlushAt >= 0 || queue.isClosed();
            nextFlushAt = System.nanoTime() + flushIntervalNanos;
            while (everything ? queue.size() > 0 : queue.size() >= maxBatchSize) {
                List<ArchivedMessage> batch = new ArrayList<>(Math.min(maxBatchSize, queue.size()));
                if (queue.drainTo(batch, maxBatchSize) == 0) {
                    break;
                }
                inFlight = batch.size();
                queue.taken(batch.size());
                List<ArchivedMessage> repeated = new ArrayList<>(0);
                if (!storeWithRetries(ChunkEncoder.chunks(batch, repeated), repeated)) {
                    return; // out of time while closing; inFlight and the queue say how much is left
                }
                queue.release(batch);
                inFlight = 0;
            }
            if (queue.isClosedAndDrained()) {
                return;
            }
            if (queue.isClosed()) {
                Thread.onSpinWait(); // an offer that began before the close is finishing
            }
        }
    }

    /**
     * @param batch    a batch's chunks, made once: every attempt writes the same rows
     * @param repeated the batch's messages left out of the chunks for repeating an id of their channel:
     *                 conflicts, reported with the batch's outcome
     */
    private boolean storeWithRetries(List<ChatChunk> batch, List<ArchivedMessage> repeated) {
        backoff.reset();
        long firstAttempt = System.nanoTime();
        while (true) {
            try {
                health.answered(await(writer.write(batch)).withConflicts(repeated), System.nanoTime() - firstAttempt);
                return true;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception failure) {
                health.failed(failure);
                if (!pauseBeforeRetry(backoff.next())) {
                    return false;
                }
            }
        }
    }

    private BatchOutcome await(CompletableFuture<BatchOutcome> write) throws Exception {
        try {
            if (closing) {
                return write.get(Math.max(0, closeDeadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return write.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /**
     * Sleeps (not parks: offers may unpark this thread, which must not retry at their pace) for
     * {@code delay}, or until the close deadline.
     *
     * @return whether to try again
     */
    private boolean pauseBeforeRetry(Duration delay) {
        long pause = delay.toNanos();
        if (closing) {
            long left = closeDeadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            pause = Math.min(pause, left);
        }
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
