package io.tavern.db.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * How the write-behind chat archive batches and retries.
 *
 * @param queueCapacity  messages accepted but not yet written; past it {@code offer} refuses (SERVER_BUSY);
 *                       default 100 000
 * @param maxBatchSize   messages per INSERT batch (one transaction); default 1 000
 * @param flushInterval  the longest a message waits for a batch to fill before it is written; default 100 ms
 * @param initialBackoff the first wait after a failed write; doubles with each failure in a row; default 100 ms
 * @param maxBackoff     the longest wait between two attempts; default 5 s
 * @param closeTimeout   how long {@link ChatArchive#close()} keeps trying to write what it holds; default 30 s
 */
public record ChatArchiveConfig(int queueCapacity, int maxBatchSize, Duration flushInterval,
                                Duration initialBackoff, Duration maxBackoff, Duration closeTimeout) {

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    public ChatArchiveConfig {
        if (queueCapacity < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("queueCapacity and maxBatchSize must be at least 1");
        }
        requirePositive(flushInterval, "flushInterval");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(closeTimeout, "closeTimeout");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff is shorter than initialBackoff");
        }
    }

    public static ChatArchiveConfig defaults() {
        return new ChatArchiveConfig(DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_CLOSE_TIMEOUT);
    }

    public ChatArchiveConfig withQueueCapacity(int queueCapacity) {
        return new ChatArchiveConfig(queueCapacity, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withMaxBatchSize(int maxBatchSize) {
        return new ChatArchiveConfig(queueCapacity, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withFlushInterval(Duration flushInterval) {
        return new ChatArchiveConfig(queueCapacity, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new ChatArchiveConfig(queueCapacity, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withCloseTimeout(Duration closeTimeout) {
        return new ChatArchiveConfig(queueCapacity, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
