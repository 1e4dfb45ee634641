package io.tavern.server.logic;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic tier: a fixed pool of {@code tavern-logic-*} threads, separate from Netty's event loops,
 * on which every session and room runs as a {@link SerialExecutor}. Packet logic never runs on an
 * event loop, and nothing here may block: database work goes to the DB executor.
 *
 * <p>Each serial executor is assigned one {@link LogicThread} when it is made (round robin), as a
 * Netty channel is assigned one event loop, and hands itself to that thread's lock-free run queue
 * whenever it has work. No lock on any hand-off; the price is that actors do not move between
 * threads on their own, so a thread with an expensive actor cannot give its other actors to an idle
 * one. The batch budget bounds how long they wait behind it. An actor moves only when it asks to
 * ({@link SerialExecutor#followTo}): a seated player follows its room, so that its requests reach the
 * room within one thread.
 */
public final class LogicExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogicExecutor.class);

    private final LogicThread[] pool;
    private final AtomicInteger nextThread = new AtomicInteger();
    private final ScheduledExecutorService timer;
    /** {@code tavern.logic.batch-budget}'s default. */
    public static final Duration DEFAULT_BATCH_BUDGET = Duration.ofMillis(1);

    private final int threads;
    private final long batchBudgetNanos;
    private final LogicStats stats;
    /** One of each kind of executor made (a kind is its name and queue limit; the rest is this pool's). */
    private final Map<SerialExecutor.Kind, SerialExecutor.Kind> kinds = new ConcurrentHashMap<>();

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
        ThreadFactory factory = new DefaultThreadFactory("tavern-logic", true);
        this.pool = new LogicThread[this.threads];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new LogicThread(factory);
            pool[i].start();
        }
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
        return newSerialExecutor(name, null, limit);
    }

    /**
     * An executor named {@code kind-id} ({@code session-<id>}, {@code room-<id>}): the name is built only when
     * asked for (errors, stats), not stored once per session.
     */
    public SerialExecutor newSerialExecutor(String kind, String id, int limit) {
        LogicThread thread = pool[Math.floorMod(nextThread.getAndIncrement(), pool.length)];
        return new SerialExecutor(kinds.computeIfAbsent(new SerialExecutor.Kind(kind, limit, batchBudgetNanos, stats),
                made -> made), id, thread);
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
        for (LogicThread thread : pool) {
            thread.shutdown();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (LogicThread thread : pool) {
                if (!thread.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    log.warn("logic tasks still running after {}; interrupting", timeout);
                    stopNow();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopNow();
        }
    }

    private void stopNow() {
        for (LogicThread thread : pool) {
            thread.shutdownNow();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
