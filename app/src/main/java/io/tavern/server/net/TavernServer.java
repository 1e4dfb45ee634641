package io.tavern.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Welcome;
import io.tavern.server.logic.PacketDispatcher;
import io.tavern.server.session.OutboundBudget;
import io.tavern.server.session.SendQueue;
import io.tavern.server.session.SendStats;
import io.tavern.server.config.ConfigurationValues;
import io.tavern.server.config.TavernProperties;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The game port: one acceptor loop with a deep backlog (IOCP's AcceptEx posted ahead), accepted
 * channels handed to the worker loops, and a graceful stop that says Goodbye to everyone and lets
 * their send queues drain before the loops shut down.
 */
public final class TavernServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TavernServer.class);

    /** Above the web server's graceful-shutdown phase so the game port goes first. */
    public static final int PHASE = Integer.MAX_VALUE - 100;

    /** Netty's own for stream channels ({@code ChannelMetadata} of a socket channel). */
    private static final int STREAM_READS_PER_TURN = 16;

    private final TavernProperties.Net config;
    private final TavernProperties.Shutdown shutdown;
    private final ServerContext context;
    private final IoTransport transport;
    private final int workerThreads;
    /** Counts every connection in and out: the limits, and shutdown's wait for the connections to close. */
    private final ConnectionLimiter limiter;

    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private volatile boolean accepting;

    public TavernServer(TavernProperties properties, Welcome welcomeTemplate, SessionRegistry registry,
                        PacketDispatcher dispatcher, SendStats sendStats, NetworkStats networkStats,
                        OutboundBudget outboundBudget) {
        this.config = properties.net();
        this.shutdown = properties.shutdown();
        this.context = new ServerContext(config.maxFrameBytes(), config.maxFrameBytesBeforeLogin(),
                config.handshakeTimeout(), config.heartbeatInterval(), config.idleTimeout(),
                new Session.Settings(new SendQueue.Settings(config.sendQueueLimit().toBytes(), outboundBudget, sendStats),
                        config.goodbyeGrace(), LingeringClose.afterGoodbye(config.goodbyeGrace())),
                welcomeTemplate, registry, dispatcher, networkStats,
                new Heartbeat.PerLoop(config.heartbeatInterval(), config.idleTimeout(), config.handshakeTimeout(),
                        networkStats));
        this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerIp(), networkStats);
        this.transport = IoTransport.select(config.transport());
        this.workerThreads = config.workerThreads() > 0 ? config.workerThreads() : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Binds the game port. When that fails the event loops are shut down before the failure is thrown, so
     * that no {@code tavern-accept} or {@code tavern-io} thread keeps the JVM alive after a failed start
     * ({@link #stop()} is never called for a lifecycle that did not start).
     *
     * @throws GamePortUnavailableException when the address cannot be bound (in use, not local, privileged)
     */
    @Override
    public synchronized void start() {
        try {
            bind();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutDownLoops();
            throw new IllegalStateException("interrupted while binding the game port", e);
        } catch (RuntimeException e) {
            shutDownLoops();
            throw e;
        }
    }

    private void bind() throws InterruptedException {
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tavern-accept"),
                transport.handlerFactory().get());
        workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("tavern-io"),
                transport.handlerFactory().get());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // A half-closed peer may still read: it gets the reply to a frame it cut short.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // One receive-size policy for all connections (Netty makes one per channel otherwise): each
                // connection keeps only its own handle, the sizes it learnt. Up to 16 reads a turn, as Netty
                // gives a stream channel's own (a policy set here keeps its own default of 1).
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator()
                        .maxMessagesPerRead(STREAM_READS_PER_TURN))
                .childHandler(new TavernChannelInitializer(context, limiter));
        if (config.socketReceiveBuffer().toBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, Math.toIntExact(config.socketReceiveBuffer().toBytes()));
        }
        if (config.socketSendBuffer().toBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, Math.toIntExact(config.socketSendBuffer().toBytes()));
        }
        ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.port()).await();
        if (!bound.isSuccess()) {
            throw new GamePortUnavailableException(config.bindAddress(), config.port(), bound.cause());
        }
        serverChannel = bound.channel();
        accepting = true;
        log.info("Tavern game port listening on {} (transport {}, {} worker threads, backlog {})",
                serverChannel.localAddress(), transport.name(), workerThreads, config.backlog());
    }

    @Override
    public boolean isRunning() {
        return serverChannel != null;
    }

    /** Stops before the logic tier and the database, starts after them. */
    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Whether the game port is accepting connections (readiness). */
    public boolean isAccepting() {
        return accepting && serverChannel != null && serverChannel.isActive();
    }

    public String transportName() {
        return transport.name();
    }

    public int workerThreads() {
        return workerThreads;
    }

    /**
     * Connections in the event loops' heartbeats, counted on each loop: every active connection is in its loop's,
     * and none stays once closed.
     */
    int connectionsWithAHeartbeat() {
        int total = 0;
        for (EventExecutor executor : workers) {
            EventLoop loop = (EventLoop) executor;
            total += loop.submit(() -> context.heartbeats().of(loop).size()).syncUninterruptibly().getNow();
        }
        return total;
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Stops accepting, sends {@code Goodbye(SERVER_SHUTDOWN)} to every session, waits up to
     * {@code tavern.shutdown.network-drain} for their queues to empty and connections to close, then closes
     * what is left and stops the event loops within {@code tavern.shutdown.network-close}.
     */
    @Override
    public synchronized void stop() {
        if (serverChannel == null) {
            return;
        }
        accepting = false;
        serverChannel.close().syncUninterruptibly();
        SessionRegistry registry = context.registry();
        int sessions = registry.size();
        log.info("shutting down: stopped accepting; saying Goodbye to {} sessions", sessions);
        for (Session session : registry.sessions()) {
            session.close(Goodbye.Reason.SERVER_SHUTDOWN, "the server is shutting down");
        }
        Duration drain = shutdown.networkDrain();
        boolean drained = awaitAllClosed(drain);
        long closeBy = System.nanoTime() + shutdown.networkClose().toNanos();
        if (!drained) {
            // Stopping the event loops closes every channel still registered with them.
            log.warn("{} connections still open after the {} drain; closing them", limiter.open(),
                    ConfigurationValues.text(drain));
        }
        shutDownLoops(closeBy);
        serverChannel = null;
        log.info("game port closed");
    }

    private boolean awaitAllClosed(Duration drain) {
        try {
            limiter.whenAllClosed().get(drain.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillOpen) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** Stops both event loop groups at once, waiting for them until {@code deadlineNanos} at most. */
    private void shutDownLoops(long deadlineNanos) {
        EventLoopGroup[] groups = {workers, acceptor};
        for (EventLoopGroup group : groups) {
            if (group != null) {
                group.shutdownGracefully(0, remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
            }
        }
        for (EventLoopGroup group : groups) {
            if (group != null && !group.terminationFuture().awaitUninterruptibly(remainingMillis(deadlineNanos))) {
                log.warn("event loops still running after {}; leaving them", ConfigurationValues.text(shutdown.networkClose()));
            }
        }
    }

    private void shutDownLoops() {
        shutDownLoops(System.nanoTime() + shutdown.networkClose().toNanos());
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
