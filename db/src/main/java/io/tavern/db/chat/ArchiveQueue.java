package io.tavern.db.chat;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The archive's intake: many threads offer, one flusher drains. Bounded in bytes: the messages accepted and
 * not yet stored (queued, or in the batch being written) may take at most {@code capacityBytes} of memory,
 * by {@link ArchivedMessage#estimatedBytes()}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@link #offer} never blocks, and never wakes the flusher except when it makes the queue reach a
 *       full batch ({@code wakeAt} messages) while the flusher sleeps: at most one wake-up per batch, none
 *       per message. Otherwise the flusher wakes on its own, once per flush interval.</li>
 *   <li>Nothing is accepted past the byte bound, nor once {@link #close()} has been called.</li>
 *   <li>{@link #isClosedAndDrained()} is true only when no accepted message can still arrive or is still
 *       held: an offer reserves its bytes before it looks at the closed flag, and the flusher releases
 *       bytes only once their messages are stored (or given up), so a flusher that stops then leaves
 *       nothing behind.</li>
 * </ul>
 */
final class ArchiveQueue {

    private final ConcurrentLinkedQueue<ArchivedMessage> messages = new ConcurrentLinkedQueue<>();
    private final long capacityBytes;
    private final int wakeAt;
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean closed;
    private volatile Thread sleepingConsumer;

    /**
     * @param capacityBytes the bound on accepted, unstored messages
     * @param wakeAt        the queue length at which a sleeping consumer is woken early: a full batch
     */
    ArchiveQueue(long capacityBytes, int wakeAt) {
        this.capacityBytes = capacityBytes;
        this.wakeAt = wakeAt;
    }

    /** @return whether the message was accepted: false when over the byte bound or closed */
    boolean offer(ArchivedMessage message) {
        long size = message.estimatedBytes();
        long held;
        do {
            held = heldBytes.get();
            if (held + size > capacityBytes) {
                return false;
            }
        } while (!heldBytes.compareAndSet(held, held + size));
        if (closed) {
            heldBytes.addAndGet(-size);
            return false;
        }
        messages.offer(message);
        if (queued.incrementAndGet() == wakeAt) {
            Thread consumer = sleepingConsumer;
            if (consumer != null) {
                LockSupport.unpark(consumer);
            }
        }
        return true;
    }

    /**
     * Parks the calling (consumer) thread until a full batch is waiting, the deadline passes, or the queue
     * is closed.
     */
    void awaitBatch(long deadlineNanos) {
        Thread self = Thread.currentThread();
        while (!closed && queued.get() < wakeAt) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            sleepingConsumer = self;
            // Checked again after announcing the sleep: an offer that reached wakeAt before it saw
            // sleepingConsumer is seen here instead (both are volatile), so no wake-up is lost.
            if (!closed && queued.get() < wakeAt) {
                LockSupport.parkNanos(this, left);
            }
            sleepingConsumer = null;
        }
    }

    /**
     * Moves up to {@code max} messages into {@code batch}; they still count in {@link #size()} until
     * {@link #taken}, and their bytes stay held until {@link #release}.
     */
    int drainTo(Collection<ArchivedMessage> batch, int max) {
        int drained = 0;
        ArchivedMessage message;
        while (drained < max && (message = messages.poll()) != null) {
            batch.add(message);
            drained++;
        }
        return drained;
    }

    /**
     * Drained messages are now counted by the consumer (as in flight): they leave {@link #size()}. In this
     * order, a backlog read as "queued plus in flight" never misses a message between the two counts.
     */
    void taken(int drained) {
        queued.addAndGet(-drained);
    }

    /** The messages of a drained batch are stored (or given up): their bytes no longer count. */
    void release(Collection<ArchivedMessage> batch) {
        long bytes = 0;
        for (ArchivedMessage message : batch) {
            bytes += message.estimatedBytes();
        }
        heldBytes.addAndGet(-bytes);
    }

    /** Messages queued, not counting a batch being written. */
    int size() {
        return queued.get();
    }

    /** Bytes of the messages accepted and not yet stored. */
    long heldBytes() {
        return heldBytes.get();
    }

    void close() {
        closed = true;
        Thread consumer = sleepingConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    boolean isClosed() {
        return closed;
    }

    boolean isClosedAndDrained() {
        return closed && heldBytes.get() == 0;
    }
}
