package io.tavern.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 * The heartbeat: a session silent for a heartbeat interval is pinged; one silent past the idle time-out
 * is closed. Silence is normal (the "GQCS time-out" of the IOCP world); only silence that outlasts the
 * pings ends the session. "Silent" means no frame read: this handler sits behind the frame decoder.
 *
 * <p>One timer per connection, on its event loop, due when the connection would have been silent for an
 * interval: a read moves no timer, the timer looks at the time of the last read when it fires and sets
 * itself again for the rest of the interval. This is what Netty's {@code IdleStateHandler} did here before,
 * without its handler, its task object and its event: about 200 bytes less per connection.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);
    private static final QuietLog idleTimeouts = QuietLog.info(log);

    private final HeartbeatPolicy policy;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long lastReadNanos = System.nanoTime();
    private long nextNonce = 1;

    HeartbeatHandler(HeartbeatPolicy policy) {
        this.policy = policy;
    }

    /** The intervals and the counters, shared by every connection. */
    record HeartbeatPolicy(Duration interval, Duration idleTimeout, NetworkStats stats) {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastReadNanos = System.nanoTime();
        schedule(policy.interval().toNanos());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        ctx.fireChannelInactive();
    }

    private void schedule(long delayNanos) {
        timer = ctx.executor().schedule(this::timerFired, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** On the event loop, when the connection may have been silent for an interval. */
    private void timerFired() {
        if (!ctx.channel().isActive()) {
            timer = null;
            return;
        }
        long interval = policy.interval().toNanos();
        long silent = System.nanoTime() - lastReadNanos;
        if (silent < interval) {
            schedule(interval - silent); // read meanwhile: due an interval after that read
            return;
        }
        schedule(interval);
        Session session = SessionHandler.sessionOf(ctx);
        if (session == null || session.executor() == null) {
            return; // not handshaken: the handshake time-out deals with it
        }
        Duration idleTimeout = policy.idleTimeout();
        if (silent >= idleTimeout.toNanos()) {
            policy.stats().idleTimeout();
            idleTimeouts.log("closing {}: silent for longer than {}", session, idleTimeout);
            session.close(Goodbye.Reason.IDLE_TIMEOUT, "silent for longer than " + idleTimeout);
        } else {
            session.send(Envelope.newBuilder().setPing(Ping.newBuilder().setNonce(nextNonce++)).build());
        }
    }
}
