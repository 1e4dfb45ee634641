package io.tavern.server.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.tavern.server.config.TavernProperties.Transport;
import java.util.function.Supplier;

/**
 * The I/O model under the event loops. io_uring is the closest Linux has to an IOCP completion
 * queue; epoll is a readiness reactor; NIO is the portable fallback.
 *
 * <p>{@code AUTO} takes epoll, else io_uring, else NIO: what measured cheapest for this server's
 * work. A chat fan-out is many small writes to sockets that nearly always have buffer space; a
 * reactor does each as one {@code writev} straight from the event loop, while a proactor prepares a
 * submission entry, has the kernel perform the same send, and then handles a completion for it in
 * user space. Measured on Linux 6.18 with Netty 4.2 (docs/performance.md, "I/O models"): io_uring
 * cost 1.7 to 2.4 times epoll's server CPU per delivery, on Tavern and on a bare Netty fan-out alike,
 * with its completion handling at the top of the profile. io_uring stays one setting away.
 */
public record IoTransport(String name, Supplier<IoHandlerFactory> handlerFactory,
                          Class<? extends ServerChannel> serverChannel) {

    /**
     * Submission entries per io_uring event loop. Netty's default (128) is made for a few busy sockets;
     * an event loop here serves thousands, each with a read posted and a write per turn, and a small
     * submission queue makes the loop enter the kernel again every 128 operations.
     */
    static final int IO_URING_SUBMISSION_ENTRIES = 4096;

    /**
     * Completion entries per io_uring event loop: room for every completion one turn of a busy loop
     * produces (a read and a write or two per socket). With Netty's default of 4 096 a loop serving
     * 500 chatting sockets overflowed it ("CompletionQueue overflow detected" in the log, thousands of
     * times a run): the kernel then parks completions on a slow overflow list that costs an extra
     * {@code io_uring_enter} and a copy to drain. 16 384 entries are 256 KiB per loop.
     */
    static final int IO_URING_COMPLETION_ENTRIES = 16384;

    static final IoTransport IO_URING = new IoTransport("io_uring", () -> IoUringIoHandler.newFactory(
            new IoUringIoHandlerConfig()
                    .setRingSize(IO_URING_SUBMISSION_ENTRIES)
                    .setCqSize(IO_URING_COMPLETION_ENTRIES)),
            IoUringServerSocketChannel.class);
    static final IoTransport EPOLL = new IoTransport("epoll", EpollIoHandler::newFactory,
            EpollServerSocketChannel.class);
    static final IoTransport NIO = new IoTransport("nio", NioIoHandler::newFactory,
            NioServerSocketChannel.class);

    /** Resolves the configured transport, failing clearly when an explicit choice is unavailable. */
    public static IoTransport select(Transport wanted) {
        return switch (wanted) {
            case AUTO -> Epoll.isAvailable() ? EPOLL : IoUring.isAvailable() ? IO_URING : NIO;
            case IO_URING -> require(IO_URING, IoUring.isAvailable(), IoUring.unavailabilityCause());
            case EPOLL -> require(EPOLL, Epoll.isAvailable(), Epoll.unavailabilityCause());
            case NIO -> NIO;
        };
    }

    private static IoTransport require(IoTransport transport, boolean available, Throwable cause) {
        if (!available) {
            throw new TransportUnavailableException(transport.name(), cause);
        }
        return transport;
    }
}
