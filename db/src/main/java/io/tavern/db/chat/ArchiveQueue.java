package io.tavern.db.chat;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The archive's intake: a bounded queue that many threads offer to and one flusher drains.
 *
 * <p>Invariants: {@link #offer} never blocks and never grows the queue past its capacity; once
 * {@link #close()} has been called every offer is refused; and {@link #isClosedAndDrained()} is true only
 * when no accepted message can still arrive, so a flusher that stops then leaves nothing behind. (Offers
 * count themselves in and out, so one that passed the closed check just before the close is waited for.)
 */
final class ArchiveQueue {

    private final ArrayBlockingQueue<ArchivedMessage> messages;
    private final int wakeAt;
    private final AtomicInteger offersInProgress = new AtomicInteger();
    private volatile boolean closed;
    private volatile Thread consumer;

    /** @param wakeAt the size at which a consumer waiting in {@link #awaitBatch} is woken early */
    ArchiveQueue(int capacity, int wakeAt) {
        this.messages = new ArrayBlockingQueue<>(capacity);
        this.wakeAt = wakeAt;
    }

    /** @return whether the message was accepted: false when full or closed */
    boolean offer(ArchivedMessage message) {
        offersInProgress.incrementAndGet();
        try {
            if (closed || !messages.offer(message)) {
                return false;
            }
            if (messages.size() >= wakeAt) {
                wakeConsumer();
            }
            return true;
        } finally {
            offersInProgress.decrementAndGet();
        }
    }

    /**
     * Parks the calling (consumer) thread until a full batch is waiting, the deadline passes, or the queue
     * is closed.
     */
    void awaitBatch(long deadlineNanos) {
        consumer = Thread.currentThread();
        while (!closed && messages.size() < wakeAt) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    int drainTo(Collection<ArchivedMessage> batch, int max) {
        return messages.drainTo(batch, max);
    }

    int size() {
        return messages.size();
    }

    void close() {
        closed = true;
        wakeConsumer();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isClosedAndDrained() {
        return closed && offersInProgress.get() == 0 && messages.isEmpty();
    }

    private void wakeConsumer() {
        Thread waiting = consumer;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }
}
