package io.tavern.server.logic;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic tier: a fixed pool of {@code tavern-logic-*} threads, separate from Netty's event loops,
 * on which every session and room runs as a {@link SerialExecutor}. Packet logic never runs on an
 * event loop, and nothing here may block: database work goes to the DB executor.
 */
public final class LogicExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogicExecutor.class);

    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    /** {@code tavern.logic.batch-budget}'s default. */
    public static final Duration DEFAULT_BATCH_BUDGET = Duration.ofMillis(1);

    private final int threads;
    private final long batchBudgetNanos;
    private final LogicStats stats;

    public LogicExecutor(int threads, LogicStats stats) {
        this(threads, DEFAULT_BATCH_BUDGET, stats);
    }

    /**
     * @param batchBudget how long a serial executor may run tasks on one wake-up before it yields its
     *                    logic thread to the others (see {@link SerialExecutor})
     */
    public LogicExecutor(int threads, Duration batchBudget, LogicStats stats) {
        if (batchBudget.isNegative() || batchBudget.isZero()) {
            throw new IllegalArgumentException("batchBudget must be positive: " + batchBudget);
        }
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.batchBudgetNanos = batchBudget.toNanos();
        this.stats = stats;
        // Netty's factory makes FastThreadLocalThreads, which get the pooled allocator's thread caches:
        // room fan-out encodes its frames on these threads.
        this.pool = Executors.newFixedThreadPool(this.threads, new DefaultThreadFactory("tavern-logic", true));
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("tavern-timer", true));
    }

    /**
     * Runs {@code task} on {@code executor} after {@code delay}. The timer thread only hands the task
     * over; the task itself runs on the serial executor like any other.
     */
    public void schedule(SerialExecutor executor, Duration delay, Runnable task) {
        timer.schedule(() -> executor.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public SerialExecutor newSerialExecutor(String name, int limit) {
        return new SerialExecutor(name, pool, limit, batchBudgetNanos, stats);
    }

    public int threads() {
        return threads;
    }

    public LogicStats stats() {
        return stats;
    }

    /** Lets queued tasks finish (up to {@code timeout}), then stops the threads. */
    public void shutdown(Duration timeout) {
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("logic tasks still running after {}; interrupting", timeout);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
