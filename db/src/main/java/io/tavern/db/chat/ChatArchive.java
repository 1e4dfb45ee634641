package io.tavern.db.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Write-behind chat archive: rooms hand messages over without waiting for the database, and a flusher
 * writes them in batches.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@link #offer} never blocks, and never wakes a thread per message (see {@link ArchiveQueue}). It
 *       refuses (false) when the messages waiting would take more than {@code queueBytes}, or once closing
 *       has begun, so the caller can answer SERVER_BUSY: nothing is dropped silently.</li>
 *   <li>Every accepted message is written exactly once: a batch is one transaction, retried with capped
 *       exponential back-off while the database is unreachable. A retry after a lost commit
 *       acknowledgement finds its messages stored as they are and counts them as written; a chunk whose
 *       key (channel, last id) holds another chunk is a conflict, counted and logged, never counted as
 *       written (see {@link ArchiveBatchWriter}).</li>
 *   <li>{@link #close(Duration)} stops intake and writes everything accepted before the pool closes. It is
 *       registered with the {@link Database}, whose own close runs it first.</li>
 * </ul>
 * The exceptions, said loudly in the log and in {@code tavern.db.archive.invalid} and {@code .conflicts}:
 * a message the database refuses for good (a constraint no retry can satisfy), and a message whose key is
 * taken, are set aside so they cannot block the rest.
 *
 * <p>A room's messages are written in the order it offered them, batch after batch. Message ids are
 * unique (the server mints them from a leased node id), and increase within a {@link ChatChannel}.
 *
 * <p>Metrics: {@code tavern.db.archive.backlog}, {@code .backlog.bytes}, {@code .written},
 * {@code .write.failures}, {@code .refused} (offers refused), {@code .invalid}, {@code .conflicts}.
 */
public final class ChatArchive implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatArchive.class);
    private static final Duration JOIN_GRACE = Duration.ofSeconds(2);

    private final ChatArchiveConfig config;
    private final ArchiveQueue queue;
    private final ArchiveHealth health;
    private final ArchiveFlusher flusher;
    private final Thread flusherThread;
    private final MeterRegistry registry;
    private final Counter refused;
    private final List<Meter> meters = new ArrayList<>();
    private Integer unstoredAtClose; // guarded by this

    public ChatArchive(Database database, ChatArchiveConfig config) {
        Objects.requireNonNull(database, "database");
        ArchiveBatchWriter writer = new ArchiveBatchWriter(database);
        this.config = Objects.requireNonNull(config, "config");
        this.registry = database.meterRegistry();
        this.queue = new ArchiveQueue(config.queueBytes(), config.maxBatchSize());
        this.health = new ArchiveHealth(registry, Clock.systemUTC());
        this.flusher = new ArchiveFlusher(queue, writer, health, config);
        this.refused = Counter.builder("tavern.db.archive.refused")
                .description("chat messages refused by offer(): the archive queue was full or closing")
                .register(registry);
        meters.add(Gauge.builder("tavern.db.archive.backlog.bytes", queue, ArchiveQueue::heldBytes)
                .description("estimated memory of the chat messages accepted and not yet written")
                .baseUnit("bytes").register(registry));
        meters.add(refused);
        meters.add(Gauge.builder("tavern.db.archive.backlog", this, ChatArchive::backlog)
                .description("chat messages accepted and not yet written").register(registry));
        meters.addAll(health.meters());
        this.flusherThread = new Thread(flusher, "tavern-archive-flusher");
        // Daemon: the server's orderly shutdown flushes through close(), not by waiting for this thread.
        flusherThread.setDaemon(true);
        // Only a bug or an Error gets here. Readiness must then say DOWN: nothing drains the queue any more.
        flusherThread.setUncaughtExceptionHandler((thread, error) -> {
            log.error("The chat archive's flusher died; accepted messages are no longer written", error);
            health.failed(error);
        });
        flusherThread.start();
        database.addDependent(this);
    }

    /**
     * Hands a message to the archive. Never blocks.
     *
     * @return true when accepted (it will be written); false when the queue is full or the archive is
     *     closing: the caller answers SERVER_BUSY
     */
    public boolean offer(ArchivedMessage message) {
        Objects.requireNonNull(message, "message");
        boolean accepted = queue.offer(message);
        if (!accepted) {
            refused.increment();
        }
        return accepted;
    }

    /** Messages accepted and not yet written (queued, plus the batch being written). */
    public int backlog() {
        // queued first: a batch moves from queued to in flight by counting in flight first (see ArchiveQueue#taken)
        return queue.size() + flusher.inFlight();
    }

    /** The bound on {@link #backlogBytes()}. */
    public long capacityBytes() {
        return config.queueBytes();
    }

    /** Estimated memory of the messages accepted and not yet written. */
    public long backlogBytes() {
        return queue.heldBytes();
    }

    /** False from a failed write until the next successful one: readiness reports DOWN meanwhile. */
    public boolean healthy() {
        return health.healthy();
    }

    /** The ongoing failure, if the last write failed. */
    public Optional<ArchiveFailure> lastError() {
        return health.lastFailure();
    }

    /** {@link #close(Duration)} with the configured close time-out. */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Refuses further offers and writes everything accepted, retrying through failures for up to
     * {@code timeout}. Idempotent.
     *
     * @return how many accepted messages could not be written in time (0 unless the database stayed
     *     unreachable); they are also logged as an error
     */
    public synchronized int close(Duration timeout) {
        if (unstoredAtClose != null) {
            return unstoredAtClose;
        }
        flusher.finishBy(System.nanoTime() + timeout.toNanos());
        queue.close();
        join(timeout.plus(JOIN_GRACE));
        if (flusherThread.isAlive()) {
            flusherThread.interrupt();
            join(JOIN_GRACE);
        }
        int unstored = backlog();
        if (unstored > 0) {
            log.error("Chat archive closed with {} accepted messages not written within {}: the database stayed "
                    + "unreachable ({})", unstored, timeout, lastError().map(f -> f.error().toString()).orElse("?"));
        } else {
            log.info("Chat archive closed; every accepted message is written");
        }
        meters.forEach(registry::remove);
        unstoredAtClose = unstored;
        return unstored;
    }

    private void join(Duration timeout) {
        try {
            flusherThread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
