package io.tavern.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.tavern.protocol.v1.Envelope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests waiting for their reply, by request_id.
 *
 * <p>Invariant: every registered future completes exactly once: with its reply, with a
 * {@link RequestTimeoutException}, or with a {@link ConnectionClosedException} once the connection
 * closed. A request registered after the close is failed at once: {@link #register} adds first and
 * then looks at {@code closedWith}, {@link #failAll} sets {@code closedWith} first and then drains,
 * so at least one of the two sees the other (both may; completing twice is harmless).
 */
final class PendingRequests {

    private final ConcurrentHashMap<Long, CompletableFuture<Envelope>> waiting = new ConcurrentHashMap<>();
    // 0 is reserved for server-pushed events, so ids start at 1.
    private final AtomicLong nextId = new AtomicLong(1);
    private final EventExecutor timer;
    private final long timeoutMillis;
    private volatile DisconnectInfo closedWith;

    PendingRequests(EventExecutor timer, long timeoutMillis) {
        this.timer = timer;
        this.timeoutMillis = timeoutMillis;
    }

    long nextId() {
        return nextId.getAndIncrement();
    }

    CompletableFuture<Envelope> register(long requestId) {
        CompletableFuture<Envelope> reply = new CompletableFuture<>();
        waiting.put(requestId, reply);
        DisconnectInfo closed = closedWith;
        if (closed != null) {
            fail(requestId, new ConnectionClosedException(closed));
            return reply;
        }
        if (timeoutMillis > 0) {
            ScheduledFuture<?> timeout = timer.schedule(
                    () -> fail(requestId, new RequestTimeoutException(requestId, timeoutMillis)),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            reply.whenComplete((r, e) -> timeout.cancel(false));
        }
        return reply;
    }

    /** Completes the request the reply answers; false when none waits (unknown, or timed out). */
    boolean complete(Envelope reply) {
        CompletableFuture<Envelope> waiter = waiting.remove(reply.getRequestId());
        return waiter != null && waiter.complete(reply);
    }

    void fail(long requestId, Throwable cause) {
        CompletableFuture<Envelope> waiter = waiting.remove(requestId);
        if (waiter != null) {
            waiter.completeExceptionally(cause);
        }
    }

    void failAll(DisconnectInfo info) {
        closedWith = info;
        for (Long requestId : waiting.keySet()) {
            fail(requestId, new ConnectionClosedException(info));
        }
    }
}
