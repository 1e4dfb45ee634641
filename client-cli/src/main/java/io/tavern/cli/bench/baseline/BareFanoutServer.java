package io.tavern.cli.bench.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.tavern.cli.bench.net.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare baseline: the least a Netty server can do to fan room chat out, so that Tavern's cost
 * can be told apart from the cost of the sockets. <b>It is not Tavern</b>, and not a server anyone
 * should run: it only measures what a plain fan-out costs on a machine, driven by the same
 * {@code tavern-cli bench} with the same frames.
 *
 * <p>What it does, and all it does:
 * <ul>
 * <li>epoll (NIO only where epoll is not available), one acceptor thread and {@code --threads}
 *     event loops (default: the number of cores), TCP_NODELAY, Netty's default allocator;</li>
 * <li>reads frames in place ({@code FrameSplitter}); a SendChat is read as its request_id and the
 *     bytes of its text, and the ChatMessage is encoded once, by hand, around those bytes
 *     (id, scope ROOM, room id and name, sender, text, sent_at_ms);</li>
 * <li>writes that one buffer, as a retained duplicate, to each member of the sender's room on the
 *     sender's event loop, and the Ack to the sender; each written channel is flushed once, at the end of
 *     the read batch ({@code channelReadComplete});</li>
 * <li>hands members on other event loops over in batches: at the end of the read batch, one task per
 *     target loop carries every frame for that loop with its members there; that task writes, then
 *     flushes each channel once ({@link LoopOutbox});</li>
 * <li>answers, with protobuf and at once, the rest of what the load generator says: Hello (Welcome),
 *     LoginGuest (LoginOk, any name), CreateRoom and JoinRoom (RoomDetails; ROOM_NAME_TAKEN,
 *     ROOM_NOT_FOUND, ROOM_FULL), LeaveRoom, Ping, Goodbye; anything else gets UNKNOWN_MESSAGE.</li>
 * </ul>
 *
 * <p>What it does not do, unlike Tavern: no logic or database executor, no session or room actors,
 * no send queue and no bound on what a slow reader is owed (memory grows until it reads), no chat
 * rules (the text's bytes are forwarded unchecked), no rate limit, no history or archive, no accounts
 * or name checks, no heartbeats or idle time-outs, no connection limits, no metrics, no logs. Room
 * membership lives in copy-on-write arrays per event loop, behind one lock per room taken only on
 * join and leave.
 *
 * <pre>java -cp tavern-cli.jar io.tavern.cli.bench.baseline.BareFanoutServer [--host 127.0.0.1] [--port 7778] [--threads N]</pre>
 */
public final class BareFanoutServer implements AutoCloseable {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final Transport transport;
    private final int threads;

    private BareFanoutServer(String host, int port, int threads) throws InterruptedException {
        this.transport = Transport.best();
        this.threads = threads;
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bare-accept"), transport.ioHandlerFactory());
        this.workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bare-io"), transport.ioHandlerFactory());
        Map<EventExecutor, LoopOutbox> outboxes = outboxes(workers);
        BareLobby lobby = new BareLobby(threads);
        AtomicLong sessions = new AtomicLong();
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(transport.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new BareSession(lobby, outboxes, sessions.incrementAndGet()));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts listening on {@code host}:{@code port} (0: any free port) with {@code threads} event loops. */
    public static BareFanoutServer start(String host, int port, int threads) throws InterruptedException {
        return new BareFanoutServer(host, port, threads);
    }

    private static Map<EventExecutor, LoopOutbox> outboxes(EventLoopGroup workers) {
        List<LoopOutbox> list = new ArrayList<>();
        Map<EventExecutor, LoopOutbox> byLoop = new IdentityHashMap<>();
        for (EventExecutor loop : workers) {
            LoopOutbox outbox = new LoopOutbox(list.size(), (EventLoop) loop);
            list.add(outbox);
            byLoop.put(loop, outbox);
        }
        LoopOutbox[] all = list.toArray(LoopOutbox[]::new);
        for (LoopOutbox outbox : all) {
            outbox.connect(all);
        }
        return byLoop;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public String describe() {
        return String.format(Locale.ROOT, "bare fan-out baseline listening on %s (%s, %d event loops)",
                serverChannel.localAddress(), transport.name(), threads);
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 7778;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--host, --port, --threads)");
            }
        }
        BareFanoutServer server = start(host, port, threads);
        System.err.println(server.describe());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bare-shutdown"));
        server.serverChannel.closeFuture().sync();
    }
}
