package io.tavern.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.tavern.protocol.EnvelopeReader;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.Frames;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Pong;
import io.tavern.protocol.v1.Welcome;
import io.tavern.server.config.ConfigurationValues;
import io.tavern.server.session.Session;
import java.util.List;
import java.util.function.IntConsumer;
import io.tavern.server.observability.QuietLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's handler, after the limiter has counted it in: reads its frames (it is an {@link EnvelopeReader},
 * so the frames need no decoder of their own in front of it: one handler context and one decoder's fields fewer
 * a connection), owns its {@link Session}, keeps it in its loop's {@link Heartbeat} (which reads
 * {@link #lastReadNanos}), answers what belongs to the connection itself (Hello, Ping, Pong, Goodbye) and hands
 * every other request to the logic tier.
 * Nothing here blocks or touches lobby state; it runs on the channel's event loop.
 */
final class SessionHandler extends EnvelopeReader {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    // What a client can cause at will: counted in tavern.errors{code}, logged quietly.
    private static final QuietLog protocolErrors = QuietLog.info(log);
    private static final QuietLog handshakeTimeouts = QuietLog.info(log);

    private final ServerContext server;
    private Session session;
    private boolean handshaken;
    /**
     * A protocol error ended the connection. Frames still buffered from the same read (a valid request right
     * behind a malformed frame) are read afterwards; they are dropped, not served.
     */
    private boolean refused;
    /** When the last frame was read ({@link System#nanoTime()}), for the heartbeat; event loop only. */
    long lastReadNanos;
    /** This connection's slot in its loop's {@link Heartbeat}, which alone writes it; -1 when in none. */
    int heartbeatSlot = -1;

    /** @param bytesIn told the size of every read (the server's inbound byte count), one for all connections */
    SessionHandler(ServerContext server, IntConsumer bytesIn) {
        super(server.maxFrameBytes(), server.maxFrameBytesBeforeLogin(), bytesIn);
        this.server = server;
    }

    /** The session, once the connection is active. */
    Session session() {
        return session;
    }

    /** Whether the peer has said Hello, and been answered. */
    boolean handshaken() {
        return handshaken;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Frames leave from this handler's place in the pipeline, the last: they are encoded already, and the
        // write goes straight to the head (the handlers in front of this one only read).
        session = new Session(Session.newId(), ctx.channel(), ctx, server.sessions());
        lastReadNanos = System.nanoTime();
        EventLoop loop = ctx.channel().eventLoop();
        server.heartbeats().of(loop).add(this, loop);
        ctx.fireChannelActive();
    }

    /**
     * A well-formed envelope, read from the connection. What fails while serving it is the server's fault, not the
     * peer's bytes: it ends the session as an internal error, never as a malformed frame.
     */
    @Override
    protected void read(ChannelHandlerContext ctx, Envelope envelope, List<Object> out) {
        try {
            serve(ctx, envelope);
        } catch (RuntimeException bug) {
            internalError(bug);
        }
    }

    private void serve(ChannelHandlerContext ctx, Envelope envelope) {
        server.networkStats().frameIn();
        lastReadNanos = System.nanoTime(); // any frame counts as a sign of life, a Pong as any other
        if (refused) {
            return;
        }
        if (!handshaken) {
            handshake(envelope);
            return;
        }
        switch (envelope.getBodyCase()) {
            case PING -> session.send(Envelope.newBuilder()
                    .setRequestId(envelope.getRequestId())
                    .setPong(Pong.newBuilder().setNonce(envelope.getPing().getNonce()))
                    .build());
            case PONG -> { } // any read counts as a sign of life; the heartbeat saw it
            case GOODBYE -> ctx.close();
            case HELLO -> session.error(envelope.getRequestId(), ErrorCode.INVALID_STATE, "already said Hello");
            case BODY_NOT_SET -> {
                server.networkStats().protocolError(ErrorCode.UNKNOWN_MESSAGE);
                session.error(envelope.getRequestId(), ErrorCode.UNKNOWN_MESSAGE,
                        "envelope has no body (or a field this server does not know)");
            }
            default -> server.dispatcher().dispatch(session, envelope);
        }
    }

    private void handshake(Envelope envelope) {
        long requestId = envelope.getRequestId();
        if (!envelope.hasHello()) {
            protocolError(requestId, ErrorCode.HANDSHAKE_REQUIRED, "the first frame must be Hello");
            return;
        }
        int version = envelope.getHello().getProtocolVersion();
        if (!ProtocolVersion.isSupported(version)) {
            protocolError(requestId, ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " is not supported; this server speaks " + ProtocolVersion.CURRENT);
            return;
        }
        handshaken = true;
        server.registry().add(session);
        server.dispatcher().sessionOpened(session);
        Welcome welcome = Welcome.newBuilder(server.welcomeTemplate()).setSessionId(session.id()).build();
        session.send(Envelope.newBuilder().setRequestId(requestId).setWelcome(welcome).build());
    }

    /** The handshake time-out, told by the loop's {@link Heartbeat}: no Hello in time. */
    void handshakeTimedOut() {
        if (!handshaken && session.isOpen()) {
            server.networkStats().protocolError(ErrorCode.HANDSHAKE_TIMEOUT);
            String timeout = ConfigurationValues.text(server.handshakeTimeout()); // "10s", as configured
            handshakeTimeouts.log("no Hello within {} from {}; closing", timeout, session.remoteAddress());
            session.error(0, ErrorCode.HANDSHAKE_TIMEOUT, "no Hello within " + timeout);
            session.close(Goodbye.Reason.PROTOCOL_ERROR, "handshake timed out");
        }
    }

    /**
     * Tells the offender what was wrong, says Goodbye, and closes without a reset: whatever else it
     * sent is read and dropped (a socket closed with unread input answers with RST, which would
     * destroy the error before the peer reads it).
     */
    private void protocolError(long requestId, ErrorCode code, String message) {
        refused = true;
        server.networkStats().protocolError(code);
        protocolErrors.log("protocol error from {}: {} ({})", session.remoteAddress(), code, message);
        LingeringClose linger = LingeringClose.install(session.channel().pipeline(), server.sessions().goodbyeGrace());
        session.error(requestId, code, message);
        session.sendQueue().finish(
                Frames.encode(session.channel().alloc(), Envelopes.goodbye(Goodbye.Reason.PROTOCOL_ERROR, message)),
                linger::finishOutput);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        super.userEventTriggered(ctx, event); // a half-close reads what is left first, and passes the event on
        if (event instanceof ChannelInputShutdownEvent && session != null) {
            // The peer finished sending (half-close): send what is queued, then close.
            session.sendQueue().finish(null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx); // the frames still buffered are read first; a frame cut short throws
        } finally {
            if (session != null) {
                server.heartbeats().of(ctx.channel().eventLoop()).remove(this);
                session.sendQueue().close();
                if (handshaken) {
                    server.dispatcher().sessionClosed(session); // also forgets it, on its own executor
                }
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ErrorCode code = ProtocolErrors.classify(cause);
        if (session != null && !session.sendQueue().isOpen() && ctx.channel().isActive()) {
            log.debug("{} after the session began closing: {}", session, cause.toString());
        } else if (code == null || session == null) {
            log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else if (code == ErrorCode.INTERNAL) {
            internalError(cause);
        } else {
            protocolError(0, code, rootMessage(cause));
        }
    }

    private void internalError(Throwable cause) {
        log.warn("unexpected error on {}; closing", session, cause);
        protocolError(0, ErrorCode.INTERNAL, "internal error");
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
