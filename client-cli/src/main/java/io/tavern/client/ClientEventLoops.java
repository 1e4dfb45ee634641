package io.tavern.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * The event loops clients run on. Many clients share few threads: each connection is bound to one
 * event loop, and a loop serves thousands of connections, which is what lets the load generator
 * drive tens of thousands of them from one machine.
 *
 * <p>epoll is used where Netty's native transport loads (Linux), NIO elsewhere.
 */
public final class ClientEventLoops {

    private static final int SHARED_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private ClientEventLoops() {
    }

    /** A new group of daemon threads named {@code name-N}; the caller shuts it down. */
    public static EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
    }

    /** The group clients use when {@link ClientOptions#eventLoopGroup()} is null; never shut down. */
    public static EventLoopGroup shared() {
        return SharedGroup.INSTANCE;
    }

    /** The socket channel type that runs on {@code group}: epoll for an epoll group, else NIO. */
    static Class<? extends SocketChannel> channelTypeFor(EventLoopGroup group) {
        // Asks one member loop, not the group: IoEventLoopGroup.isIoType() asks next(), which advances the
        // group's round-robin, so the connect that follows always skipped a loop (with two loops, every
        // connection landed on the same one and the load generator ran on one thread).
        if (group instanceof IoEventLoopGroup && Epoll.isAvailable()) {
            for (EventExecutor member : group) {
                return member instanceof IoEventLoop loop && loop.isIoType(EpollIoHandler.class)
                        ? EpollSocketChannel.class : NioSocketChannel.class;
            }
        }
        return NioSocketChannel.class;
    }

    /** Which transport {@link #newGroup} picks on this machine: "epoll" or "nio". */
    public static String transportName() {
        return Epoll.isAvailable() ? "epoll" : "nio";
    }

    // Holder idiom: the shared threads start only when the first client without a group connects.
    private static final class SharedGroup {
        static final EventLoopGroup INSTANCE = newGroup(SHARED_THREADS, "tavern-client");
    }
}
