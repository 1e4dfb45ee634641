package io.tavern.server.net;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Ping;
import io.tavern.server.observability.QuietLog;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's heartbeat: a session silent for a heartbeat interval is pinged; one silent past the idle
 * time-out is closed. Silence is normal (the "GQCS time-out" of the IOCP world); only silence that outlasts
 * the pings ends the session. "Silent" means no frame read: the {@link SessionHandler} that owns this reports
 * every frame it reads ({@link #frameRead}).
 *
 * <p>One timer, on the connection's event loop, due when the connection would have been silent for an
 * interval: a read moves no timer; the timer looks at the time of the last read when it fires and sets itself
 * again for the rest of the interval. This is what Netty's {@code IdleStateHandler} and a handler of ours did
 * here before, without their two handlers in the pipeline, the idle handler's task and its event: about 300
 * bytes less per connection. Event loop only.
 */
final class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private static final QuietLog idleTimeouts = QuietLog.info(log);

    /** The intervals and the counters, shared by every connection. */
    private final ServerContext server;
    private final Session session;
    private final EventLoop loop;
    private ScheduledFuture<?> timer;
    private long lastReadNanos = System.nanoTime();
    private long nextNonce = 1;

    /** Starts the heartbeat of {@code session}'s connection, which has just become active. */
    Heartbeat(ServerContext server, Session session) {
        this.server = server;
        this.session = session;
        this.loop = session.channel().eventLoop();
        schedule(server.heartbeatInterval().toNanos());
    }

    /** A frame came in: the connection is not silent. */
    void frameRead() {
        lastReadNanos = System.nanoTime();
    }

    /** The connection closed. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long delayNanos) {
        timer = loop.schedule(this::timerFired, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** When the connection may have been silent for an interval. */
    private void timerFired() {
        if (!session.channel().isActive()) {
            timer = null;
            return;
        }
        long interval = server.heartbeatInterval().toNanos();
        long silent = System.nanoTime() - lastReadNanos;
        if (silent < interval) {
            schedule(interval - silent); // read meanwhile: due an interval after that read
            return;
        }
        schedule(interval);
        if (session.executor() == null) {
            return; // not handshaken: the handshake time-out deals with it
        }
        Duration idleTimeout = server.idleTimeout();
        if (silent >= idleTimeout.toNanos()) {
            server.networkStats().idleTimeout();
            idleTimeouts.log("closing {}: silent for longer than {}", session, idleTimeout);
            session.close(Goodbye.Reason.IDLE_TIMEOUT, "silent for longer than " + idleTimeout);
        } else {
            session.send(Envelope.newBuilder().setPing(Ping.newBuilder().setNonce(nextNonce++)).build());
        }
    }
}
