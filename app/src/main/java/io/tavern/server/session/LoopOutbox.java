package io.tavern.server.session;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands send-queue drains to the event loops in batches: the completion port's "one wake-up drains
 * many completions", seen from the producer's side.
 *
 * <p>A {@link SendQueue} that receives a frame while no drain is pending needs its event loop to run
 * one. Outside an outbox that is one {@code execute} (a task, and a wake-up of a sleeping loop) per
 * queue. While the current thread <b>holds</b> its outbox, the queue is noted under its event loop
 * instead; on the last {@link #release} every loop is handed <b>one</b> task that drains all of its
 * queues. A room message to n members spread over k loops then costs k hand-offs, not n, and a logic
 * thread running many actor tasks in a row (see {@code SerialExecutor}) hands each loop the drains
 * of all of them at once.
 *
 * <p>Only the drain is deferred: frames enter their queues at once, in the order they were sent, so
 * holding an outbox never reorders anything. The hazard is the opposite one: a thread that holds its
 * outbox and never releases it leaves frames unwritten until something else drains their queues, so
 * {@code hold} and {@code release} always pair in a {@code try/finally}. Holds nest; one outbox per
 * thread, touched only by that thread.
 */
public final class LoopOutbox {

    private static final Logger log = LoggerFactory.getLogger(LoopOutbox.class);

    private static final FastThreadLocal<LoopOutbox> CURRENT = new FastThreadLocal<>() {
        @Override
        protected LoopOutbox initialValue() {
            return new LoopOutbox();
        }
    };

    private int holds;
    /** The drains noted per event loop since the first hold; a handful of loops, so a list. */
    private final List<LoopDrains> byLoop = new ArrayList<>(4);

    private LoopOutbox() {
    }

    /** Defers the drains this thread causes until the matching {@link #release}. */
    public static void hold() {
        CURRENT.get().holds++;
    }

    /** Ends a {@link #hold}; the outermost one hands each event loop its drains in one task. */
    public static void release() {
        LoopOutbox outbox = CURRENT.get();
        if (--outbox.holds == 0 && !outbox.byLoop.isEmpty()) {
            outbox.handOff();
        }
    }

    /** Has {@code queue}'s event loop drain it: now if this thread holds no outbox, else on release. */
    static void drainSoon(SendQueue queue, EventLoop loop) {
        LoopOutbox outbox = CURRENT.getIfExists();
        if (outbox == null || outbox.holds == 0) {
            queue.submitDrain(loop);
        } else {
            outbox.drainsFor(loop).add(queue);
        }
    }

    private LoopDrains drainsFor(EventLoop loop) {
        for (int i = 0, n = byLoop.size(); i < n; i++) {
            LoopDrains drains = byLoop.get(i);
            if (drains.loop == loop) {
                return drains;
            }
        }
        LoopDrains drains = new LoopDrains(loop);
        byLoop.add(drains);
        return drains;
    }

    private void handOff() {
        for (int i = 0, n = byLoop.size(); i < n; i++) {
            LoopDrains drains = byLoop.get(i);
            try {
                drains.loop.execute(drains);
            } catch (RejectedExecutionException loopGone) {
                drains.loopGone();
            }
        }
        byLoop.clear(); // each LoopDrains now belongs to its loop
    }

    /** One event loop's share of a hand-off: the queues it is to drain, each once. */
    private static final class LoopDrains implements Runnable {

        final EventLoop loop;
        private SendQueue[] queues = new SendQueue[8];
        private int size;

        LoopDrains(EventLoop loop) {
            this.loop = loop;
        }

        void add(SendQueue queue) {
            if (size == queues.length) {
                queues = Arrays.copyOf(queues, size * 2);
            }
            queues[size++] = queue;
        }

        @Override
        public void run() {
            for (int i = 0; i < size; i++) {
                try {
                    queues[i].drainOnLoop();
                } catch (RuntimeException bug) {
                    // The other queues must still be drained, or they would wait for a drain forever.
                    log.error("drain of a send queue failed", bug);
                }
            }
        }

        void loopGone() {
            for (int i = 0; i < size; i++) {
                queues[i].loopGone();
            }
        }
    }
}
