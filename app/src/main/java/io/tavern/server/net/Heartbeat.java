package io.tavern.server.net;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Ping;
import io.tavern.server.observability.QuietLog;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of every connection on one event loop: a session silent for a heartbeat interval is pinged;
 * one silent past the idle time-out is closed; a connection that has not said Hello within the handshake
 * time-out is refused. Silence is normal (the "GQCS time-out" of the IOCP world); only silence that outlasts the
 * pings ends the session. "Silent" means no frame read: each connection's {@link SessionHandler} notes the time
 * of every frame it reads ({@link SessionHandler#lastReadNanos}; before the handshake, the time it became active).
 *
 * <p><b>One timer per event loop, not one per connection.</b> Every tick (a tenth of the interval, at most a
 * second) it looks at the connections that are due: one is due when its handshake time is up, when it would have
 * been silent for an interval since its last read, or an interval after its last ping. A due connection that was
 * read from meanwhile is due again an interval after that read; one that was not is pinged, or closed once
 * silent past the time-out. A read moves no timer, and accepting a connection schedules no task. A connection costs this a slot (its handler and its due time, 12 bytes) where a timer of
 * its own cost a scheduled task, its callback and the state behind them, about 130 bytes; and a heartbeat that
 * is late by up to a tick is no worse for it.
 *
 * <p>Event loop only: a connection {@linkplain #add joins} when it becomes active and {@linkplain #remove
 * leaves} when it becomes inactive, both on its loop, and the ticks run there.
 */
final class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private static final QuietLog idleTimeouts = QuietLog.info(log);

    /** Slots to begin with; the arrays double when full. */
    private static final int INITIAL_SLOTS = 64;
    /** The longest tick: the most a ping or an idle close is late by. */
    private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The shortest tick, whatever the interval. */
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The heartbeat of each event loop, made by its first connection: one per server, since the intervals are. */
    static final class PerLoop extends FastThreadLocal<Heartbeat> {

        private final Duration interval;
        private final Duration idleTimeout;
        private final Duration handshakeTimeout;
        private final NetworkStats stats;

        PerLoop(Duration interval, Duration idleTimeout, Duration handshakeTimeout, NetworkStats stats) {
            this.interval = interval;
            this.idleTimeout = idleTimeout;
            this.handshakeTimeout = handshakeTimeout;
            this.stats = stats;
        }

        /** The heartbeat of {@code loop}, which must be the current thread's. */
        Heartbeat of(EventLoop loop) {
            assert loop.inEventLoop();
            return get();
        }

        @Override
        protected Heartbeat initialValue() {
            return new Heartbeat(interval, idleTimeout, handshakeTimeout, stats);
        }
    }

    private final Duration idleTimeout;
    private final long intervalNanos;
    private final long idleTimeoutNanos;
    private final long handshakeTimeoutNanos;
    private final long tickNanos;
    private final NetworkStats stats;

    /** The connections, in slots 0 to {@code size - 1}; a connection knows its slot ({@link SessionHandler#heartbeatSlot}). */
    private SessionHandler[] connections = new SessionHandler[INITIAL_SLOTS];
    /** When each slot's connection is due ({@link System#nanoTime()}). */
    private long[] dueNanos = new long[INITIAL_SLOTS];
    private int size;
    /** The nonce of the next ping: the loop's, so distinct for every ping of every connection on it. */
    private long nextNonce = 1;
    /** The tick task, started by the loop's first connection; it runs as long as the loop. */
    private ScheduledFuture<?> ticking;

    private Heartbeat(Duration interval, Duration idleTimeout, Duration handshakeTimeout, NetworkStats stats) {
        this.idleTimeout = idleTimeout;
        this.intervalNanos = interval.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.tickNanos = Math.max(MIN_TICK_NANOS,
                Math.min(MAX_TICK_NANOS, Math.min(intervalNanos, handshakeTimeoutNanos) / 10));
        this.stats = stats;
    }

    /**
     * {@code connection} has become active on this loop: its heartbeat starts, due when its handshake time is up
     * or an interval from now, whichever comes first.
     */
    void add(SessionHandler connection, EventLoop loop) {
        if (size == connections.length) {
            connections = Arrays.copyOf(connections, size * 2);
            dueNanos = Arrays.copyOf(dueNanos, size * 2);
        }
        connection.heartbeatSlot = size;
        connections[size] = connection;
        dueNanos[size] = connection.lastReadNanos + Math.min(intervalNanos, handshakeTimeoutNanos);
        size++;
        if (ticking == null) {
            ticking = loop.scheduleWithFixedDelay(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** {@code connection} has closed: its slot goes to the last connection's. */
    void remove(SessionHandler connection) {
        int slot = connection.heartbeatSlot;
        if (slot < 0 || slot >= size || connections[slot] != connection) {
            return; // never added (closed before it was active), or removed already
        }
        int last = --size;
        if (slot != last) {
            SessionHandler moved = connections[last];
            connections[slot] = moved;
            dueNanos[slot] = dueNanos[last];
            moved.heartbeatSlot = slot;
        }
        connections[last] = null;
        connection.heartbeatSlot = -1;
    }

    /** Connections with a heartbeat on this loop now. */
    int size() {
        return size;
    }

    private void tick() {
        long now = System.nanoTime();
        // Backwards: a connection that leaves during the tick (a close that completes at once) gives its slot
        // to one already looked at.
        for (int slot = size - 1; slot >= 0; slot--) {
            if (now - dueNanos[slot] >= 0) {
                dueNanos[slot] = due(connections[slot], now);
            }
        }
    }

    /** A connection that is due: what it needs now, and when it is due next. */
    private long due(SessionHandler connection, long now) {
        long lastRead = connection.lastReadNanos;
        long silent = now - lastRead;
        if (!connection.handshaken()) {
            // No frame has counted yet: lastRead is when the connection became active.
            if (silent < handshakeTimeoutNanos) {
                return lastRead + handshakeTimeoutNanos;
            }
            connection.handshakeTimedOut();
            return now + intervalNanos; // closing: it leaves when it is inactive
        }
        if (silent < intervalNanos) {
            return lastRead + intervalNanos; // read meanwhile: due an interval after that read
        }
        Session session = connection.session();
        if (!session.channel().isActive()) {
            return now + intervalNanos; // closing: it leaves when it is inactive
        }
        if (silent >= idleTimeoutNanos) {
            stats.idleTimeout();
            idleTimeouts.log("closing {}: silent for longer than {}", session, idleTimeout);
            session.close(Goodbye.Reason.IDLE_TIMEOUT, "silent for longer than " + idleTimeout);
        } else {
            session.send(Envelope.newBuilder().setPing(Ping.newBuilder().setNonce(nextNonce++)).build());
        }
        return now + intervalNanos;
    }
}
