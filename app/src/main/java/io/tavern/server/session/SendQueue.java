package io.tavern.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jctools.queues.unpadded.MpscLinkedUnpaddedQueue;

/**
 * One session's outbound frames: Tavern's form of IOCP's "one outstanding WSASend per socket, the
 * rest queued behind it".
 *
 * <p>Any thread may {@link #enqueue} an encoded frame. Writing happens only on the channel's event
 * loop, and <b>at most one gathered write is in flight</b>: frames enqueued while a write is pending
 * wait, and when it completes they all leave together in the next gathered write with a single
 * flush. A flush is a system call, so under load many frames share one; when idle, a frame goes out
 * as soon as the event loop runs the drain. The frames of a gathered write are copied into <b>one</b>
 * pooled buffer (up to {@value #GATHERED_WRITE_BYTES} bytes; a frame over {@value #COPIED_FRAME_MAX_BYTES}
 * goes as itself): one outbound-buffer entry and one I/O vector per write, not per frame.
 *
 * <p>Invariants, and what breaks without them:
 * <ul>
 *   <li>Frames leave in enqueue order (per enqueuing thread, and in the order a serial executor
 *       enqueued them): chat order depends on it.</li>
 *   <li>Nothing leaves after the last frame of a {@link #finish}: a frame another thread queued behind it
 *       (a Pong the event loop queued while a shutdown was queueing its Goodbye) is released unsent. The peer
 *       reads the Goodbye last, and a client that stops at the Goodbye leaves nothing of ours unread.</li>
 *   <li>Bytes accepted but not yet confirmed written never exceed the limit. Over it the queue
 *       closes and reports {@link OverflowListener#onOverflow}: the session is a slow consumer, and
 *       letting it grow would let one client exhaust the server's memory.</li>
 *   <li>Every byte accepted is charged to the server's {@link OutboundBudget} (with a per-frame
 *       overhead) and refunded when written or released, in one place: {@link #account}. Over the
 *       budget, the budget closes the queues holding the most, as if they had overflowed.</li>
 *   <li>A queued frame is read, never consumed: its indices are never moved, so the same buffer may sit
 *       in many queues at once, one reference each (a room message is encoded once and retained per
 *       member, see {@link Broadcast}), read by many event loops.</li>
 *   <li>Every frame handed to {@link #enqueue} is released exactly once: when the drain has copied it,
 *       by the write (a large frame), or by the queue when it is closed. A frame refused by a closed
 *       queue is released at once.</li>
 * </ul>
 *
 * <p>Frames are written where encoded frames enter the pipeline ({@code framesOut}: the network tier
 * passes the session handler's context, the last, so a write goes straight to the head and crosses no
 * handler, the channel's tail included), and a drain the queue needs is handed to its
 * event loop through the current thread's {@link LoopOutbox}: one task per loop for all the queues
 * a room message or a logic batch touched.
 *
 * <p>Event-loop-only state ({@code writeInFlight}, {@code inFlightBytes}) needs no
 * locks because only the event loop touches it.
 */
public final class SendQueue implements ChannelProgressiveFutureListener {

    /** Told once when the queue overflows; called on the enqueuing thread. */
    @FunctionalInterface
    public interface OverflowListener {
        void onOverflow(SendQueue queue, long queuedBytes);
    }

    /**
     * Frames up to this size are copied into the gathered write's one buffer; a larger one is written as
     * itself. A copy of a chat-sized frame costs less than what a buffer of its own costs on the way out (a
     * duplicate, an outbound-buffer entry, an I/O vector, a release); a large one is not worth copying.
     */
    static final int COPIED_FRAME_MAX_BYTES = 8 * 1024;
    /**
     * A gathered write takes frames until it holds about this much; what is left waits for its completion.
     * Bounds the copy a queue near its limit would otherwise make of everything it holds at once.
     */
    static final int GATHERED_WRITE_BYTES = 256 * 1024;

    private static final int OPEN = 0;
    private static final int FINISHING = 1;
    private static final int CLOSED = 2;

    /**
     * What every send queue of a server shares: the limit of bytes one queue may hold, the server's outbound
     * budget its bytes are charged to, and the counters its writes and closes go to. One object per server, not
     * three fields per session.
     */
    public record Settings(long limitBytes, OutboundBudget budget, SendStats stats) {
        public Settings {
            if (limitBytes <= 0) {
                throw new IllegalArgumentException("limitBytes must be positive: " + limitBytes);
            }
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(stats, "stats");
        }
    }

    private final Channel channel;
    private final ChannelOutboundInvoker framesOut;
    private final Settings settings;
    private final OverflowListener overflowListener;

    /**
     * The frames waiting for the next gathered write. Many producers (any thread that sends to this session),
     * one consumer (the channel's event loop, in {@link #drain}). JCTools' unpadded linked MPSC queue: an idle
     * session's queue is 24 bytes and one 24-byte empty node. The padded queues Netty shades (and its chunked
     * one) pad every instance against false sharing, 584 bytes empty plus the first chunk, for the sake of a
     * throughput that one session's queue never needs; a link per frame (24 bytes) is reclaimed with the frame.
     */
    private final Queue<ByteBuf> pending = new MpscLinkedUnpaddedQueue<>();
    private static final AtomicLongFieldUpdater<SendQueue> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(SendQueue.class, "queuedBytes");
    /** Bytes held: see {@link #queuedBytes()}. */
    private volatile long queuedBytes;
    /** Frames held, for the budget's overhead: a field and an updater, 16 bytes less per session than an atomic. */
    private static final AtomicIntegerFieldUpdater<SendQueue> QUEUED_FRAMES =
            AtomicIntegerFieldUpdater.newUpdater(SendQueue.class, "queuedFrames");
    private volatile int queuedFrames;
    // Also fields and updaters rather than atomics, for the same reason: every session has one of each.
    private static final AtomicIntegerFieldUpdater<SendQueue> DRAIN_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(SendQueue.class, "drainScheduled");
    /** 1 while a drain is on its way to the event loop, else 0. */
    private volatile int drainScheduled;
    private static final AtomicIntegerFieldUpdater<SendQueue> STATE =
            AtomicIntegerFieldUpdater.newUpdater(SendQueue.class, "state");
    /** OPEN, FINISHING or CLOSED. */
    private volatile int state = OPEN;

    /**
     * The last frame of the {@link #finish} that won, set before the frame is queued: the drain writes nothing
     * queued behind it. Null when no finish has queued one.
     */
    private volatile ByteBuf lastFrame;

    /** How the channel ends once the last frame is out: set once, by the finish that wins, before FINISHING. */
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<SendQueue, Consumer> AFTER_LAST_FRAME =
            AtomicReferenceFieldUpdater.newUpdater(SendQueue.class, Consumer.class, "afterLastFrame");
    private volatile Consumer<Channel> afterLastFrame;

    /** {@link #writeWaitingSince} when no write is waiting on the socket. */
    private static final long NOT_WAITING = Long.MIN_VALUE;
    /**
     * Since when the write in flight has waited on the socket without the socket taking any of it
     * ({@link System#nanoTime()}): when it was handed to the socket, then each time the socket took part of it;
     * {@link #NOT_WAITING} when no write is in flight. Written by the event loop (one clock read per gathered
     * write, and one per partial write: only a peer that reads slower than we write causes those), read by
     * anyone asking whether the peer has {@link #stalledFor stalled}.
     */
    private volatile long writeWaitingSince = NOT_WAITING;

    // Event loop only.
    private boolean writeInFlight;
    /** The write in flight holds {@link #lastFrame}: when it completes, the queue is done. */
    private boolean lastFrameWritten;
    private long inFlightBytes;
    private int inFlightFrames;

    public SendQueue(Channel channel, long limitBytes, OverflowListener overflowListener, SendStats stats) {
        this(channel, channel, new Settings(limitBytes, OutboundBudget.UNLIMITED, stats), overflowListener);
    }

    /**
     * @param framesOut where encoded frames are written: a handler context of {@code channel}'s pipeline
     *                  (the writes go to the handlers in front of it) or the channel itself (all of them)
     * @param settings  the server's limit, outbound budget and counters (shared by all of its queues)
     */
    public SendQueue(Channel channel, ChannelOutboundInvoker framesOut, Settings settings,
                     OverflowListener overflowListener) {
        this.channel = channel;
        this.framesOut = framesOut;
        this.settings = settings;
        this.overflowListener = overflowListener;
    }

    /**
     * Takes ownership of one reference to {@code frame} and queues it for writing.
     *
     * @return false if the queue is closed or finishing, or this frame overflowed it; the frame has
     *     then been (or will be) released by the queue. A frame that races a {@link #finish} and lands behind
     *     its last frame is released unsent, whatever this returned.
     */
    public boolean enqueue(ByteBuf frame) {
        if (state != OPEN) {
            frame.release();
            return false;
        }
        pending.offer(frame);
        long total = account(1, frame.readableBytes());
        if (total > settings.limitBytes()) {
            overflow();
            return false;
        }
        // A close that raced with the offer: the drain below releases the frame.
        scheduleDrain();
        return state == OPEN;
    }

    /**
     * Queues {@code lastFrame} (may be null) as the final frame and closes the channel once
     * everything before it has been written. Used for Goodbye: graceful shutdown, idle time-out.
     */
    public void finish(ByteBuf lastFrame) {
        finish(lastFrame, Channel::close);
    }

    /**
     * Like {@link #finish(ByteBuf)}, with another ending than a plain close once all is written.
     *
     * <p>The ending is claimed, and the last frame named, before the frame is queued: the event loop may write
     * the last frame at any moment after that, and must then know it for the last and find this ending, not a
     * plain close that would reset a connection with unread input and destroy the Goodbye. Until the state turns
     * FINISHING other threads can still queue frames; those that land behind the last frame are released unsent.
     * Only the first finish chooses the ending and the last frame; a later one queues its frame as any other
     * (if the queue is still open), and nothing else.
     *
     * @param lastFrame this queue's own frame (not one shared with other queues), or null
     */
    public void finish(ByteBuf lastFrame, Consumer<Channel> thenOnEventLoop) {
        if (!AFTER_LAST_FRAME.compareAndSet(this, null, thenOnEventLoop)) {
            if (lastFrame != null) {
                enqueue(lastFrame);
            }
            return;
        }
        if (lastFrame != null) {
            this.lastFrame = lastFrame;
            if (!enqueue(lastFrame)) {
                return;
            }
        }
        if (STATE.compareAndSet(this, OPEN, FINISHING)) {
            scheduleDrain();
        }
    }

    /**
     * Closes the queue as a slow consumer, as when it goes over its limit: the listener hears of it once,
     * and what is queued is released. Safe from any thread.
     *
     * @return false if the queue was closed already
     */
    boolean overflow() {
        if (STATE.getAndSet(this, CLOSED) == CLOSED) {
            return false;
        }
        settings.stats().slowConsumerClosed();
        overflowListener.onOverflow(this, queuedBytes);
        scheduleDrain();
        return true;
    }

    /** Closes the queue and releases whatever has not been written. Safe from any thread. */
    public void close() {
        if (STATE.getAndSet(this, CLOSED) != CLOSED) {
            scheduleDrain();
        }
    }

    public boolean isOpen() {
        return state == OPEN;
    }

    /** Bytes enqueued and not yet confirmed written to the socket, in-flight write included. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** What this queue is charged to the server's budget for: its bytes plus each frame's overhead. */
    public long chargedBytes() {
        return queuedBytes + (long) queuedFrames * OutboundBudget.FRAME_OVERHEAD_BYTES;
    }

    /** The connection this queue writes to. */
    public Channel channel() {
        return channel;
    }

    public long limitBytes() {
        return settings.limitBytes();
    }

    /**
     * True when a write has waited on the socket for at least {@code graceNanos} without the socket taking any of
     * it: the peer (or its network) has read nothing for that long, so what this queue holds is the peer's doing,
     * not the server's. A peer that reads, however slowly, keeps taking part of the write and is never stalled
     * (a gathered write of 256 KB takes seconds to a peer that reads a few hundred frames a second: how long a
     * write takes says nothing); one that stopped reading stays stalled until its queue overflows. Safe from any
     * thread.
     *
     * @param nowNanos {@link System#nanoTime()} now
     */
    public boolean stalledFor(long nowNanos, long graceNanos) {
        long since = writeWaitingSince;
        return since != NOT_WAITING && nowNanos - since >= graceNanos;
    }

    private void scheduleDrain() {
        // The plain read first: under load a drain is usually on its way, and the read costs no locked
        // instruction on a line the event loop writes.
        if (drainScheduled == 0 && DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
            LoopOutbox.drainSoon(this, channel.eventLoop());
        }
    }

    /** The drain on its own task: the outbox calls this when the current thread holds none. */
    void submitDrain(EventLoop loop) {
        try {
            loop.execute(this::drain);
        } catch (RejectedExecutionException gone) {
            loopGone();
        }
    }

    /** The drain, from an outbox's hand-off task on this queue's event loop. */
    void drainOnLoop() {
        drain();
    }

    /** The event loop has shut down: nothing will write again, so free what is queued. */
    void loopGone() {
        state = CLOSED;
        releasePending();
    }

    private void drain() {
        drainScheduled = 0;
        int current = state;
        if (current == CLOSED || !channel.isActive()) {
            state = CLOSED;
            releasePending();
            return;
        }
        if (writeInFlight) {
            return; // operationComplete drains again
        }
        ByteBuf frame = pending.poll();
        if (frame == null) {
            if (current == FINISHING) {
                end(); // a finish with no last frame of its own
            }
            return;
        }
        int frames = 0;
        long bytes = 0;
        ByteBuf ready = null; // made and not yet written: the last one made gets the watched promise
        ByteBuf gathering = null;
        try {
            do {
                // Read for every frame: the finish names its last frame before queueing it, so a frame polled is
                // compared with what was set before it was queued, never with an older null.
                lastFrameWritten = frame == lastFrame;
                int length = frame.readableBytes();
                frames++;
                bytes += length;
                if (length > COPIED_FRAME_MAX_BYTES) {
                    ready = writeAllBut(ready, gathering);
                    gathering = null;
                    // The frame may be shared with other queues: the write consumes a view of this queue's
                    // reference (its own indices, the same count), never the frame's indices.
                    ready = writeAllBut(ready, frame.duplicate());
                } else {
                    if (gathering == null) {
                        gathering = channel.alloc().directBuffer(
                                (int) Math.min(GATHERED_WRITE_BYTES, Math.max(length, queuedBytes)));
                    }
                    gathering.writeBytes(frame, frame.readerIndex(), length);
                    frame.release();
                }
                frame = null;
            } while (!lastFrameWritten && bytes < GATHERED_WRITE_BYTES && (frame = pending.poll()) != null);
        } catch (RuntimeException | Error allocationFailed) {
            // Only a buffer that could not be had gets here. What this drain took is given back and the
            // session ends: a queue that dropped frames in the middle would break the order its peer relies on.
            ReferenceCountUtil.safeRelease(frame);
            ReferenceCountUtil.safeRelease(gathering);
            ReferenceCountUtil.safeRelease(ready);
            lastFrameWritten = false;
            account(-frames, -bytes);
            state = CLOSED;
            releasePending();
            channel.close();
            throw allocationFailed;
        }
        ready = writeAllBut(ready, gathering);
        // A progressive promise: the socket's partial writes report progress, which tells a slow reader from a
        // stalled one (see stalledFor).
        ChannelProgressivePromise lastWrite = channel.newProgressivePromise();
        framesOut.write(ready, lastWrite);
        writeInFlight = true;
        writeWaitingSince = System.nanoTime();
        inFlightBytes = bytes;
        inFlightFrames = frames;
        settings.stats().gatheredWrite(frames, bytes);
        lastWrite.addListener(this);
        framesOut.flush();
    }

    /**
     * Writes {@code ready} (if any) without a promise when {@code next} follows it, and returns what is now
     * the last buffer made. Only the last write of a gathered write needs a promise: writes complete in order,
     * and a failed one fails every write queued behind it.
     */
    private ByteBuf writeAllBut(ByteBuf ready, ByteBuf next) {
        if (next == null) {
            return ready;
        }
        if (ready != null) {
            // Failures are seen on the gathered write's last promise: this write's own is the channel's silent
            // placeholder (a void promise that fires nothing), shared, not one of our own per session.
            framesOut.write(ready, channel.unsafe().voidPromise());
        }
        return next;
    }

    /**
     * The socket took part of the write in flight (the peer reads, if slower than we write): the write has waited
     * without progress only since now. Event loop only; reported for the gathered write's last buffer, which for
     * chat-sized frames is all of it.
     */
    @Override
    public void operationProgressed(ChannelProgressiveFuture write, long progress, long total) {
        writeWaitingSince = System.nanoTime();
    }

    /**
     * The write in flight has completed. The queue listens to its own writes, rather than through a listener
     * object made for it (16 bytes a session); event loop only.
     */
    @Override
    public void operationComplete(ChannelProgressiveFuture write) {
        writeInFlight = false;
        writeWaitingSince = NOT_WAITING;
        account(-inFlightFrames, -inFlightBytes);
        inFlightBytes = 0;
        inFlightFrames = 0;
        if (!write.isSuccess()) {
            state = CLOSED;
            releasePending();
            return;
        }
        if (lastFrameWritten) {
            if (state != CLOSED) { // a close or an overflow meanwhile ends the channel its own way
                end();
            } else {
                releasePending();
            }
            return;
        }
        if (!pending.isEmpty() || state != OPEN) {
            drain();
        }
    }

    /**
     * Everything up to the last frame is written: the queue closes, releases whatever was queued behind the last
     * frame, and the channel ends as the finish asked. Event loop only.
     */
    private void end() {
        state = CLOSED;
        releasePending();
        afterLastFrame.accept(channel);
    }

    private void releasePending() {
        ByteBuf frame;
        while ((frame = pending.poll()) != null) {
            account(-1, -frame.readableBytes());
            frame.release();
        }
    }

    /**
     * The one place where bytes are counted: {@code frames} frames of {@code bytes} in all come into
     * the queue (positive) or leave it (negative). This queue counts the bytes; the server's budget
     * counts them with the per-frame overhead, and may close queues when over it.
     *
     * @return the bytes this queue now holds
     */
    private long account(int frames, long bytes) {
        long held = QUEUED_BYTES.addAndGet(this, bytes);
        QUEUED_FRAMES.addAndGet(this, frames);
        settings.budget().charge(bytes + (long) frames * OutboundBudget.FRAME_OVERHEAD_BYTES);
        return held;
    }
}
