package io.tavern.server.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Ping;
import io.tavern.server.observability.QuietLog;
import io.tavern.server.session.Session;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code IdleStateHandler}'s reader-idle events into a heartbeat: a session silent for a
 * heartbeat interval is pinged; one silent past the idle time-out is closed. Silence is normal (the
 * "GQCS time-out" of the IOCP world); only silence that outlasts the pings ends the session.
 */
final class HeartbeatHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);
    private static final QuietLog idleTimeouts = QuietLog.info(log);

    private final long idleTimeoutNanos;
    private final NetworkStats stats;
    private long lastReadNanos = System.nanoTime();
    private long nextNonce = 1;

    HeartbeatHandler(Duration idleTimeout, NetworkStats stats) {
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        Session session = SessionHandler.sessionOf(ctx);
        if (session == null || session.executor() == null) {
            return; // not handshaken: the handshake time-out deals with it
        }
        if (System.nanoTime() - lastReadNanos >= idleTimeoutNanos) {
            stats.idleTimeout();
            idleTimeouts.log("closing {}: silent for longer than {}", session, Duration.ofNanos(idleTimeoutNanos));
            session.close(Goodbye.Reason.IDLE_TIMEOUT, "silent for longer than " + Duration.ofNanos(idleTimeoutNanos));
        } else {
            session.send(Envelope.newBuilder().setPing(Ping.newBuilder().setNonce(nextNonce++)).build());
        }
    }
}
