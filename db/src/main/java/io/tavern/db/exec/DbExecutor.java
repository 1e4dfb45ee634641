package io.tavern.db.exec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only threads that run JDBC: a fixed pool of {@code tavern-db-N} threads, as many as the connection
 * pool has connections, in front of a bounded queue.
 *
 * <p>Invariant: {@link #submit} never blocks and the queue never holds more than its capacity. When the
 * queue is full the returned future is already completed with {@link ServerBusyException}, which the server
 * answers with SERVER_BUSY. A slow or absent database thus turns into fast, typed refusals, not into a pile
 * of work and memory that outlives the outage, nor into a logic thread waiting on a lock.
 *
 * <p>A future completes on the {@code tavern-db-*} thread that ran the task (or, for a refusal, before
 * {@code submit} returns). Callers continue with {@code thenApplyAsync(fn, theirSerialExecutor)} so that no
 * logic runs on a DB thread and no DB thread waits for logic. A task must not wait for another DB task:
 * with every thread waiting, nothing would run what they wait for.
 *
 * <p>Metrics: {@code tavern.db.queue.depth} (gauge), {@code tavern.db.task.latency} (timer: queued until a
 * thread starts it), {@code tavern.db.rejected} (counter of SERVER_BUSY refusals).
 */
public final class DbExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DbExecutor.class);

    private final ThreadPoolExecutor threads;
    private final BlockingQueue<Runnable> queue;
    private final int queueCapacity;
    private final Duration closeTimeout;
    private final MeterRegistry registry;
    private final Timer taskLatency;
    private final Counter rejected;
    private final List<Meter> meters;

    public DbExecutor(int threadCount, int queueCapacity, Duration closeTimeout, MeterRegistry registry) {
        if (threadCount < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threadCount and queueCapacity must be at least 1");
        }
        this.queueCapacity = queueCapacity;
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS, queue,
                new DbThreadFactory(), new ThreadPoolExecutor.AbortPolicy());
        // All threads up front: a task is then either queued or refused, never the trigger of a new thread.
        threads.prestartAllCoreThreads();

        Gauge depth = Gauge.builder("tavern.db.queue.depth", queue, BlockingQueue::size)
                .description("DB tasks waiting for a tavern-db thread")
                .register(registry);
        this.taskLatency = Timer.builder("tavern.db.task.latency")
                .description("time a DB task waited in the queue before a tavern-db thread started it")
                .register(registry);
        this.rejected = Counter.builder("tavern.db.rejected")
                .description("DB tasks refused with SERVER_BUSY because the queue was full")
                .register(registry);
        this.meters = List.of(depth, taskLatency, rejected);
    }

    /**
     * Queues {@code task} for a DB thread. Never blocks.
     *
     * @return a future completed with the task's result or with the exception it threw (not wrapped); already
     *     completed with {@link ServerBusyException} when the queue is full, or with a
     *     {@link RejectedExecutionException} once {@link #close()} has begun. Cancelling the future before the
     *     task starts keeps it from running.
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        long queuedAt = System.nanoTime();
        try {
            threads.execute(() -> run(task, result, queuedAt));
        } catch (RejectedExecutionException refused) {
            if (threads.isShutdown()) {
                result.completeExceptionally(new RejectedExecutionException("the DB executor is closed"));
            } else {
                rejected.increment();
                result.completeExceptionally(new ServerBusyException("the DB queue", queueCapacity));
            }
        }
        return result;
    }

    private <T> void run(Callable<T> task, CompletableFuture<T> result, long queuedAt) {
        taskLatency.record(System.nanoTime() - queuedAt, TimeUnit.NANOSECONDS);
        if (result.isDone()) {
            return; // cancelled while it waited
        }
        try {
            result.complete(task.call());
        } catch (Throwable failure) {
            result.completeExceptionally(failure);
        }
    }

    /** Tasks waiting for a thread now. */
    public int queueDepth() {
        return queue.size();
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int threadCount() {
        return threads.getCorePoolSize();
    }

    /** Whether {@link #close()} has begun: from then on every submit is refused. */
    public boolean isClosed() {
        return threads.isShutdown();
    }

    /** Queued-to-started latency of every task so far. */
    public Timer taskLatency() {
        return taskLatency;
    }

    /** Graceful close with the configured time-out; see {@link #close(Duration)}. */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /**
     * Stops accepting tasks, lets the queued ones run, and waits up to {@code timeout} for them.
     *
     * @return whether every queued task finished in time
     */
    public boolean close(Duration timeout) {
        threads.shutdown();
        boolean finished;
        try {
            finished = threads.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            log.warn("DB executor closed with {} tasks still queued after {}", queue.size(), timeout);
        }
        meters.forEach(registry::remove);
        return finished;
    }

    /** Names threads {@code tavern-db-N}, the names {@link DbThreads} recognises. */
    private static final class DbThreadFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, DbThreads.NAME_PREFIX + next.getAndIncrement());
            // Daemon: a server that failed to start must still be able to exit. An orderly shutdown
            // drains the queue through close(), not by waiting for these threads.
            thread.setDaemon(true);
            return thread;
        }
    }
}
