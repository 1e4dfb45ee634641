package io.tavern.server.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's outbound memory: what every {@link SendQueue} holds, in bytes, against one budget
 * ({@code tavern.net.outbound-budget}). The per-session limit bounds one slow client; this bounds many
 * of them together, which the per-session limit alone cannot (10 000 clients under a 1 MB limit each
 * could hold 10 GB).
 *
 * <p>What is counted, per frame queued for one session: its bytes, as if unshared (a room message is
 * one buffer shared by every member, so this over-counts its payload, on the safe side), plus
 * {@link #FRAME_OVERHEAD_BYTES} for the objects that hold it until the socket takes it.
 *
 * <p>Over the budget, the sessions holding the most are closed as slow consumers until what is held is
 * back under {@link #RECLAIM_TARGET_NUMERATOR 7/8} of the budget. A well-behaved client holds little
 * (its frames leave as fast as they come), so it is the last to go; the chat admission policy refuses
 * new chat well before the budget is reached, so that a server merely too busy to keep up closes no one.
 * The frame that crossed the budget is accepted, and each thread enqueuing meanwhile adds its frame, so
 * the budget can be passed by the frames in flight during one reclaim: a few frames per thread.
 *
 * <p>Thread-safe: charged and refunded by every event loop and logic thread; one reclaim at a time.
 */
public final class OutboundBudget {

    /**
     * Heap held per queued frame besides its bytes, estimated from the object layouts (64-bit JVM,
     * compressed oops; not measured): its node in the pending queue (24 bytes), and for a frame sent to one
     * session alone its own buffer object (about 80 bytes; a room message is one buffer shared by every
     * member's queue, a reference each). Once drained, frames are copied into one buffer per gathered write
     * with one {@code ChannelOutboundBuffer.Entry} (Netty counts 96 bytes for it) shared by all of them.
     * About 104 bytes at most; 160 (what a retained duplicate and an entry per frame cost before) is kept as
     * the margin, so that the budget errs on the side of acting early.
     */
    public static final int FRAME_OVERHEAD_BYTES = 160;

    static final int RECLAIM_TARGET_NUMERATOR = 7;
    static final int RECLAIM_TARGET_DENOMINATOR = 8;

    /** No limit: for sessions made outside a server (tests, tools). */
    public static final OutboundBudget UNLIMITED = new OutboundBudget(Long.MAX_VALUE, List::of);

    private final long limitBytes;
    private final Supplier<? extends Iterable<Session>> sessions;
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicBoolean reclaiming = new AtomicBoolean();
    private final LongAdder sessionsClosed = new LongAdder();

    /**
     * @param limitBytes the most bytes all send queues together may hold
     * @param sessions   the sessions to choose from when over the budget
     */
    public OutboundBudget(long limitBytes, Supplier<? extends Iterable<Session>> sessions) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be positive: " + limitBytes);
        }
        this.limitBytes = limitBytes;
        this.sessions = sessions;
    }

    /** What one frame of {@code frameBytes} costs. */
    public static long cost(int frameBytes) {
        return (long) frameBytes + FRAME_OVERHEAD_BYTES;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Bytes held by every send queue now, overhead included. */
    public long heldBytes() {
        return heldBytes.get();
    }

    /** Sessions closed so far to bring the server back under its budget. */
    public long sessionsClosed() {
        return sessionsClosed.sum();
    }

    /** Adds (or with a negative delta, returns) bytes; over the budget, closes the biggest holders. */
    void charge(long deltaBytes) {
        long held = heldBytes.addAndGet(deltaBytes);
        if (deltaBytes > 0 && held > limitBytes) {
            reclaim();
        }
    }

    /**
     * Closes the sessions holding the most, biggest first, until what they hold would bring the total
     * under 7/8 of the budget; what closing sessions still hold counts as on its way back. One thread at a
     * time; the others go on (their frames are counted).
     */
    private void reclaim() {
        if (!reclaiming.compareAndSet(false, true)) {
            return;
        }
        try {
            long excess = heldBytes.get() - limitBytes / RECLAIM_TARGET_DENOMINATOR * RECLAIM_TARGET_NUMERATOR;
            if (excess <= 0) {
                return;
            }
            List<Holder> holders = new ArrayList<>();
            for (Session session : sessions.get()) {
                SendQueue queue = session.sendQueue();
                long held = queue.chargedBytes();
                if (held == 0) {
                    continue;
                }
                if (queue.isOpen()) {
                    holders.add(new Holder(queue, held));
                } else {
                    excess -= held; // closing already: its memory is on its way back
                }
            }
            holders.sort(Comparator.comparingLong(Holder::bytes).reversed());
            for (Holder holder : holders) {
                if (excess <= 0) {
                    break;
                }
                if (holder.queue().overflow()) {
                    sessionsClosed.increment();
                    excess -= holder.bytes();
                }
            }
        } finally {
            reclaiming.set(false);
        }
    }

    private record Holder(SendQueue queue, long bytes) {
    }
}
