package io.tavern.testserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.FrameCodec;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Ping;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A small, real Tavern server for the client's tests: Netty on loopback, the shared frame codec,
 * and just enough of the protocol (handshake, logins, rooms, chat fan-out, history) to exercise the
 * client library, the CLI and the load generator. It is not the product's server (module app).
 *
 * <p>One event loop thread serves the acceptor and every connection, so {@link TestLobby}'s state
 * is only ever touched by that thread and needs no locks. Test-side calls hop onto it.
 */
public final class TestTavernServer implements AutoCloseable {

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("test-server", true), NioIoHandler.newFactory());
    private final TestLobby lobby;
    private final Channel serverChannel;
    /** Every frame received, in order, for tests that check what the client sent. */
    private final List<Envelope> received = new CopyOnWriteArrayList<>();
    private volatile ErrorCode refuseConnectionsWith;

    private TestTavernServer(int heartbeatIntervalMs) throws InterruptedException {
        this.lobby = new TestLobby(heartbeatIntervalMs);
        this.serverChannel = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FrameCodec.install(ch.pipeline(), Frames.DEFAULT_MAX_FRAME_BYTES)
                                .addLast(new SessionHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    /** Starts on an ephemeral loopback port, heartbeat off. */
    public static TestTavernServer start() throws InterruptedException {
        return new TestTavernServer(0);
    }

    public static TestTavernServer start(int heartbeatIntervalMs) throws InterruptedException {
        return new TestTavernServer(heartbeatIntervalMs);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public List<Envelope> received() {
        return received;
    }

    /** New connections get Error(code) with request_id 0 and are closed, before any Hello. */
    public void refuseConnectionsWith(ErrorCode code) {
        this.refuseConnectionsWith = code;
    }

    /** Whether the server answers the clients' Ping (off to play a server that hangs). */
    public void answerPings(boolean answer) {
        onLoop(() -> {
            lobby.answerPings(answer);
            return null;
        });
    }

    /** Sends Goodbye(reason) to every session and closes them, as a shutting-down server does. */
    public void goodbyeAll(Goodbye.Reason reason, String message) {
        onLoop(() -> {
            for (Channel ch : lobby.channels()) {
                TestLobby.lastWords(ch, Envelopes.goodbye(reason, message));
            }
            return null;
        });
    }

    /** Closes every connection without a Goodbye, like a crash or a cut cable. */
    public void dropAll() {
        onLoop(() -> {
            lobby.channels().forEach(Channel::close);
            return null;
        });
    }

    /** Pings every session with {@code nonce}. */
    public void pingAll(long nonce) {
        onLoop(() -> {
            for (Channel ch : lobby.channels()) {
                ch.writeAndFlush(Envelope.newBuilder().setPing(Ping.newBuilder().setNonce(nonce)).build());
            }
            return null;
        });
    }

    /** Bans {@code user} until {@code untilMs} (0 = no end): refused at login, and sent away if online. */
    public void ban(String user, long untilMs, String reason, String by) {
        onLoop(() -> {
            lobby.ban(user, new TestLobby.Sanction(untilMs, reason, by));
            return null;
        });
    }

    /** Mutes {@code user} until {@code untilMs} (0 = no end): their chat is refused. */
    public void mute(String user, long untilMs, String reason) {
        onLoop(() -> {
            lobby.mute(user, new TestLobby.Sanction(untilMs, reason, ""));
            return null;
        });
    }

    /** Closes the room as an operator does: its members are told why and are back in the lobby. */
    public void closeRoom(String name, String reason) {
        onLoop(() -> {
            lobby.closeRoom(name, reason);
            return null;
        });
    }

    /** After {@code failures} failed logins for a name, refuses its logins with TOO_MANY_ATTEMPTS. */
    public void limitFailedLogins(int failures, long retryAfterMs) {
        onLoop(() -> {
            lobby.limitFailedLogins(failures, retryAfterMs);
            return null;
        });
    }

    /** Pushes {@code event} to the session of {@code user}. */
    public void push(String user, Envelope event) {
        onLoop(() -> {
            lobby.sendTo(user, event);
            return null;
        });
    }

    public List<String> onlineUsers() {
        return onLoop(() -> new ArrayList<>(lobby.onlineUserNames()));
    }

    public List<String> roomNames() {
        return onLoop(() -> new ArrayList<>(lobby.roomNames()));
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.next().submit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test server task failed", e);
        }
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One per connection: hands frames to the lobby, refusing them while connections are refused. */
    private final class SessionHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ErrorCode refusal = refuseConnectionsWith;
            if (refusal != null) {
                ctx.writeAndFlush(Envelopes.error(0, refusal, "refused by the test server"))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            lobby.connected(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Envelope envelope = (Envelope) msg;
            received.add(envelope);
            lobby.handle(ctx.channel(), envelope);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lobby.disconnected(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
