package io.tavern.server.logic;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code tavern-logic-*} thread and its run queue: the serial executors assigned to it hand
 * themselves over here when they have work, and the thread runs them in that order.
 *
 * <p>The run queue is a lock-free multi-producer, single-consumer queue (JCTools', through Netty):
 * an event loop or another logic thread hands an actor over with one atomic exchange, no lock, and
 * wakes this thread only if it is parked. The thread parks only after it found the queue empty with
 * its {@code parked} flag raised; a producer that offers and then sees the flag unparks it. Both sides
 * write one volatile and then read the other's, so one of them always sees the other: no hand-off
 * is missed, and a busy thread costs its producers no system call. (The executor this replaces, a
 * {@code ThreadPoolExecutor}, took a lock on every hand-off and another to signal the waiting thread.)
 *
 * <p>After {@link #shutdown} it refuses new work and stops once its queue is empty.
 */
final class LogicThread implements Executor {

    private static final Logger log = LoggerFactory.getLogger(LogicThread.class);

    /** Hand-offs per link of the run queue; it holds at most one entry per busy actor of this thread. */
    private static final int QUEUE_CHUNK = 1024;

    /** The most hand-offs the run queue can link (JCTools' largest); never reached. */
    private static final int QUEUE_LIMIT = 1 << 30;

    private final Queue<Runnable> runQueue = PlatformDependent.newMpscQueue(QUEUE_CHUNK, QUEUE_LIMIT);
    private final Thread thread;
    private volatile boolean parked;
    private volatile boolean shuttingDown;
    private volatile boolean stopNow;

    LogicThread(ThreadFactory threads) {
        this.thread = threads.newThread(this::runLoop);
    }

    void start() {
        thread.start();
    }

    @Override
    public void execute(Runnable actorTurn) {
        if (shuttingDown) {
            throw new RejectedExecutionException(thread.getName() + " is shutting down");
        }
        runQueue.offer(actorTurn);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops taking work; what is queued still runs. */
    void shutdown() {
        shuttingDown = true;
        LockSupport.unpark(thread);
    }

    /** Stops now: interrupts whatever runs and drops what is queued. */
    void shutdownNow() {
        shuttingDown = true;
        stopNow = true; // only this thread may take from the queue: it drops the rest itself by leaving
        thread.interrupt();
    }

    /** @return true if the thread ended within {@code timeout} */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(Math.max(1, unit.toMillis(timeout)));
        return !thread.isAlive();
    }

    private void runLoop() {
        while (!stopNow) {
            Runnable turn = runQueue.poll();
            if (turn != null) {
                run(turn);
                continue;
            }
            if (shuttingDown) {
                return;
            }
            parked = true;
            if (runQueue.isEmpty() && !shuttingDown) {
                LockSupport.park(this);
            }
            parked = false;
            Thread.interrupted(); // an interrupt only ends the thread through shuttingDown
        }
    }

    private static void run(Runnable turn) {
        try {
            turn.run();
        } catch (Throwable bug) {
            // A serial executor catches its tasks' failures; reaching here is a bug in the executor itself.
            log.error("logic thread task failed", bug);
        }
    }
}
