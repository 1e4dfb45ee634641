package io.tavern.db.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * How the write-behind chat archive batches and retries.
 *
 * @param queueBytes     memory the messages accepted but not yet written may take (by
 *                       {@link ArchivedMessage#estimatedBytes()}); past it {@code offer} refuses
 *                       (SERVER_BUSY); default 64 MiB, some 200 000 typical messages
 * @param maxBatchSize   messages per write (one transaction); a full batch wakes the flusher; default 10 000:
 *                       each channel's share of a batch is one stored chunk, so larger batches make fewer, fuller
 *                       rows (100 busy rooms: about 100 messages a chunk), which is what lets the embedded H2
 *                       keep up with 150 000 messages/s (docs/archive.md); below the rate that fills a batch
 *                       per flush interval, the interval decides
 * @param flushInterval  the longest a message waits for a batch to fill before it is written; default 100 ms
 * @param initialBackoff the first wait after a failed write; doubles with each failure in a row; default 100 ms
 * @param maxBackoff     the longest wait between two attempts; default 5 s
 * @param closeTimeout   how long {@link ChatArchive#close()} keeps trying to write what it holds; default 30 s
 */
public record ChatArchiveConfig(long queueBytes, int maxBatchSize, Duration flushInterval,
                                Duration initialBackoff, Duration maxBackoff, Duration closeTimeout) {

    public static final long DEFAULT_QUEUE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_SIZE = 10_000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    public ChatArchiveConfig {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1: " + maxBatchSize);
        }
        long largest = ArchivedMessage.FIXED_BYTES + 2L * (ArchivedMessage.MAX_TEXT_LENGTH + 6 * 64);
        if (queueBytes < largest) {
            throw new IllegalArgumentException("queueBytes must hold at least the largest message (" + largest
                    + " bytes): " + queueBytes);
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
        return new ChatArchiveConfig(DEFAULT_QUEUE_BYTES, DEFAULT_MAX_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_CLOSE_TIMEOUT);
    }

    public ChatArchiveConfig withQueueBytes(long queueBytes) {
        return new ChatArchiveConfig(queueBytes, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withMaxBatchSize(int maxBatchSize) {
        return new ChatArchiveConfig(queueBytes, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withFlushInterval(Duration flushInterval) {
        return new ChatArchiveConfig(queueBytes, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new ChatArchiveConfig(queueBytes, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    public ChatArchiveConfig withCloseTimeout(Duration closeTimeout) {
        return new ChatArchiveConfig(queueBytes, maxBatchSize, flushInterval, initialBackoff, maxBackoff, closeTimeout);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
