package io.tavern.server.logic;

import io.tavern.server.session.LoopOutbox;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jctools.queues.unpadded.MpscLinkedUnpaddedQueue;

/**
 * An actor's mailbox on the shared logic pool: tasks run <b>one at a time, in submission order</b>,
 * on its logic thread. One per session (a client's requests stay in order) and one per
 * room (the room's state needs no locks because only its own executor touches it).
 *
 * <p>The executor is in the pool's queue at most once, so the pool's queue holds at most one entry
 * per busy actor. Once a wake-up has run tasks for its {@code batchBudget} (time, not a count: a
 * room that fans out to 2 000 members takes far longer per task than a session's request), it steps
 * back into the pool's queue, so one busy or expensive actor cannot hold a logic thread while others
 * wait. A task that has started always runs to its end; the budget is checked between tasks.
 *
 * <p>While a batch runs, the thread holds its {@link LoopOutbox}: the send-queue drains the tasks
 * cause are handed to each event loop once, when the batch ends, rather than once per frame.
 *
 * <p>Two doors: {@link #tryExecute} is bounded (when {@code limit > 0}) and is how a client's
 * packets come in, so a flooding client is refused and told {@code RATE_LIMITED} instead of the
 * queue growing; {@link #execute} always accepts and is for the server's own hops between actors
 * (a room answering a session), which are bounded by the requests that caused them.
 */
public final class SerialExecutor implements Executor, Runnable {

    private static final ThreadLocal<SerialExecutor> CURRENT = new ThreadLocal<>();

    /**
     * What the executors of one kind of actor share ("session", "room", "lobby"): the name, the queue's limit
     * of {@link #tryExecute} (0: none), the batch budget and the stats. One object per kind, made by the
     * {@link LogicExecutor}, instead of four fields in every session's executor (16 bytes a session).
     */
    record Kind(String name, int limit, long batchBudgetNanos, LogicStats stats) {
    }

    private final Kind kind;
    /** Which one of its kind, or null when there is only one; the name is built only when asked for. */
    private final String id;
    /**
     * The logic thread this executor runs on: round robin when made, then wherever {@link #followTo} moves it.
     * Read by whoever schedules the executor (the producer that wins {@code scheduled}, or this executor
     * rescheduling itself), written only by this executor's own task.
     */
    private volatile Executor pool;
    /**
     * The tasks waiting. Many producers (the event loop, rooms, the database tier), one consumer (the logic
     * thread running this executor's batch, one at a time). Unpadded and linked, as the session's send queue
     * and for the same reason: every session has one, mostly empty (24 bytes and an empty node, where a
     * padded JCTools queue costs 584 bytes and its first chunk).
     */
    private final Queue<Task> tasks = new MpscLinkedUnpaddedQueue<>();
    // Fields and updaters rather than atomics: 16 bytes less each, per session.
    private static final AtomicIntegerFieldUpdater<SerialExecutor> SIZE =
            AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "size");
    private volatile int size;
    private static final AtomicIntegerFieldUpdater<SerialExecutor> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "scheduled");
    /** 1 while this executor is in its logic thread's queue or running there, else 0. */
    private volatile int scheduled;
    // Written and read by the thread running this executor's task.
    private long runningTaskSubmittedNanos;

    SerialExecutor(Kind kind, String id, Executor pool) {
        this.kind = kind;
        this.id = id;
        this.pool = pool;
    }

    public String name() {
        return id == null ? kind.name() : kind.name() + "-" + id;
    }

    /** Runs {@code command} later on this executor, whatever its queue depth. */
    @Override
    public void execute(Runnable command) {
        SIZE.incrementAndGet(this);
        enqueue(command);
    }

    /** Runs {@code command} later on this executor, or returns false if it is at its limit. */
    public boolean tryExecute(Runnable command) {
        int queued = SIZE.incrementAndGet(this);
        int limit = kind.limit();
        if (limit > 0 && queued > limit) {
            SIZE.decrementAndGet(this);
            return false;
        }
        return enqueue(command);
    }

    private boolean enqueue(Runnable command) {
        tasks.offer(new Task(command, System.nanoTime()));
        kind.stats().queued();
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                pool.execute(this);
            } catch (RejectedExecutionException poolStopped) {
                // Only after shutdown: the task stays unrun, as would any other queued behind it.
                scheduled = 0;
                return false;
            }
        }
        return true;
    }

    /**
     * From this executor's own task: its later tasks run on {@code other}'s logic thread (the batch ends
     * with the task that moved it). A hand-off between two executors of one thread is queued behind the
     * running batch, where one between two threads wakes the other one; a player seated in a room follows
     * the room, so its chat reaches the room without a second wake-up.
     *
     * <p>Never two batches at once: the batch ends here, and the next is scheduled only after it released
     * {@code scheduled}, whose volatile write publishes the new thread to whoever schedules it.
     */
    public void followTo(SerialExecutor other) {
        checkInExecutor();
        pool = other.pool;
    }

    /** Tasks waiting, the running one included. */
    public int queueDepth() {
        return size;
    }

    /** True on a thread that is running one of this executor's tasks. */
    public boolean inExecutor() {
        return CURRENT.get() == this;
    }

    /**
     * When the task running now was submitted ({@link System#nanoTime()}): for a client's request, when it
     * arrived. A rule about a client's own pace (the chat rate limit) measures the client with it, not how
     * long a busy server took to get to the request, which would make a client within its rate look faster
     * than it is. Only from this executor's own task.
     */
    public long runningTaskSubmittedNanos() {
        checkInExecutor();
        return runningTaskSubmittedNanos;
    }

    /**
     * Guards actor state: throws unless called from this executor's own task. Cheap enough to call
     * on every mutation of a room.
     */
    public void checkInExecutor() {
        if (CURRENT.get() != this) {
            throw new IllegalStateException(name() + "'s state touched from " + Thread.currentThread().getName()
                    + ", outside its serial executor");
        }
    }

    /**
     * Runs a batch of this executor's tasks: what its logic thread does with it, once handed it by
     * {@link #execute} (the executor is its own pool task, not a callback made for it: 16 bytes a session).
     * Not for anyone else to call.
     */
    @Override
    public void run() {
        CURRENT.set(this);
        LoopOutbox.hold();
        try {
            long started = System.nanoTime();
            long now = started;
            long batchBudgetNanos = kind.batchBudgetNanos();
            Executor home = pool;
            Task task;
            // A task that moved this executor ends the batch: the next one runs on the new thread.
            while (now - started < batchBudgetNanos && pool == home && (task = tasks.poll()) != null) {
                now = runOne(task, now);
            }
        } finally {
            LoopOutbox.release();
            CURRENT.set(null); // not remove(): the thread's entry stays, so the next batch's set allocates nothing
            scheduled = 0;
        }
        // Tasks that arrived after the last poll, or beyond the batch, reschedule us.
        if (!tasks.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                pool.execute(this);
            } catch (RejectedExecutionException poolStopped) {
                scheduled = 0;
            }
        }
    }

    /** Runs {@code task}, which starts at {@code startedNanos}; returns when it ended. */
    private long runOne(Task task, long startedNanos) {
        LogicStats stats = kind.stats();
        stats.started(startedNanos - task.enqueuedNanos());
        runningTaskSubmittedNanos = task.enqueuedNanos();
        try {
            task.command().run();
        } catch (Throwable t) {
            stats.failed(name(), t);
        } finally {
            SIZE.decrementAndGet(this);
        }
        return System.nanoTime();
    }

    private record Task(Runnable command, long enqueuedNanos) {
    }
}
