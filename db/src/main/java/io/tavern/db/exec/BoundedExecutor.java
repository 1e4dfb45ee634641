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
 * A fixed pool of named threads in front of a bounded queue, for work that must never run on an event loop
 * or a logic thread because it blocks or burns CPU: JDBC ({@link DbExecutor}), password hashing.
 *
 * <p>Invariant: {@link #submit} never blocks and the queue never holds more than its capacity. When the
 * queue is full the returned future is already completed with {@link ServerBusyException}, which the server
 * answers with SERVER_BUSY. A slow or absent database, or a burst of logins, thus turns into fast, typed
 * refusals, not into a pile of work and memory that outlives the burst, nor into a logic thread waiting on
 * a lock.
 *
 * <p>A future completes on the pool thread that ran the task (or, for a refusal, before {@code submit}
 * returns). Callers continue with {@code thenApplyAsync(fn, theirSerialExecutor)} so that no logic runs on
 * a pool thread and no pool thread waits for logic. A task must not wait for another task of the same pool:
 * with every thread waiting, nothing would run what they wait for.
 *
 * <p>Metrics, under the pool's prefix {@code p}: {@code p.queue.depth} (gauge), {@code p.task.latency}
 * (timer: queued until a thread starts it), {@code p.task.duration} (timer: how long tasks ran),
 * {@code p.rejected} (counter of SERVER_BUSY refusals).
 */
public class BoundedExecutor implements AutoCloseable {

    /**
     * What a pool is called.
     *
     * @param threadPrefix its threads are named this plus 1, 2, ...: the names the thread rules recognise
     * @param metricPrefix its metrics are named this plus {@code .queue.depth} and so on
     * @param tasks        what its tasks are, for people: "DB tasks", "password hashes"
     * @param queue        its queue, for people: "the DB queue"
     */
    public record Naming(String threadPrefix, String metricPrefix, String tasks, String queue) {
        public Naming {
            Objects.requireNonNull(threadPrefix, "threadPrefix");
            Objects.requireNonNull(metricPrefix, "metricPrefix");
            Objects.requireNonNull(tasks, "tasks");
            Objects.requireNonNull(queue, "queue");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BoundedExecutor.class);

    private final Naming naming;
    private final ThreadPoolExecutor threads;
    private final BlockingQueue<Runnable> queue;
    private final int queueCapacity;
    private final Duration closeTimeout;
    private final MeterRegistry registry;
    private final Timer taskLatency;
    private final Timer taskDuration;
    private final Counter rejected;
    private final List<Meter> meters;

    public BoundedExecutor(Naming naming, int threadCount, int queueCapacity, Duration closeTimeout,
                           MeterRegistry registry) {
        if (threadCount < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threadCount and queueCapacity must be at least 1");
        }
        this.naming = Objects.requireNonNull(naming, "naming");
        this.queueCapacity = queueCapacity;
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS, queue,
                new NamedThreads(naming.threadPrefix()), new ThreadPoolExecutor.AbortPolicy());
        // All threads up front: a task is then either queued or refused, never the trigger of a new thread.
        threads.prestartAllCoreThreads();

        String prefix = naming.metricPrefix();
        Gauge depth = Gauge.builder(prefix + ".queue.depth", queue, BlockingQueue::size)
                .description(naming.tasks() + " waiting for a " + naming.threadPrefix() + "* thread")
                .register(registry);
        this.taskLatency = Timer.builder(prefix + ".task.latency")
                .description("time " + naming.tasks() + " waited in the queue before a thread started them")
                .register(registry);
        this.taskDuration = Timer.builder(prefix + ".task.duration")
                .description("time " + naming.tasks() + " ran on their thread")
                .register(registry);
        this.rejected = Counter.builder(prefix + ".rejected")
                .description(naming.tasks() + " refused with SERVER_BUSY because the queue was full")
                .register(registry);
        this.meters = List.of(depth, taskLatency, taskDuration, rejected);
    }

    /**
     * Queues {@code task} for a pool thread. Never blocks.
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
                result.completeExceptionally(new RejectedExecutionException(naming.queue() + " is closed"));
            } else {
                rejected.increment();
                result.completeExceptionally(new ServerBusyException(naming.queue(), queueCapacity));
            }
        }
        return result;
    }

    private <T> void run(Callable<T> task, CompletableFuture<T> result, long queuedAt) {
        long startedAt = System.nanoTime();
        taskLatency.record(startedAt - queuedAt, TimeUnit.NANOSECONDS);
        if (result.isDone()) {
            return; // cancelled while it waited
        }
        try {
            T value = task.call();
            taskDuration.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
            result.complete(value);
        } catch (Throwable failure) {
            taskDuration.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
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

    /** How long each task so far ran; its count is the number of tasks run. */
    public Timer taskDuration() {
        return taskDuration;
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
            log.warn("{} closed with {} {} still queued after {}", naming.queue(), queue.size(), naming.tasks(), timeout);
        }
        meters.forEach(registry::remove);
        return finished;
    }

    /** Names threads {@code prefix1}, {@code prefix2}, ...: the names the thread rules recognise. */
    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + next.getAndIncrement());
            // Daemon: a server that failed to start must still be able to exit. An orderly shutdown
            // drains the queue through close(), not by waiting for these threads.
            thread.setDaemon(true);
            return thread;
        }
    }
}
