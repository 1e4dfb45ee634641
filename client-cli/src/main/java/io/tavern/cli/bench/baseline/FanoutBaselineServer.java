package io.tavern.cli.bench.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.FrameCodec;
import io.tavern.protocol.Frames;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.Pong;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.Welcome;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The yardstick for the fan-out benchmarks: the least a Netty server must do to serve
 * {@code tavern-cli bench}, with none of Tavern's logic. Same transport choice, same frames (the
 * shared {@link FrameCodec}), and just enough protocol for the load generator: Hello/Welcome,
 * LoginGuest/LoginOk, CreateRoom and JoinRoom answered with RoomDetails, Ping/Pong, and SendChat
 * answered by a ChatMessage fanned out to the room (encoded once, a retained duplicate per member)
 * and an Ack.
 *
 * <p>Everything runs on the event loops: no logic executor, no session or room actors, no send
 * queue bound, no chat rules, archive, history, rate limit or metrics. Rooms are concurrent maps
 * and copy-on-write member lists. Each member gets {@code writeAndFlush}; Netty's stock
 * {@link FlushConsolidationHandler} turns the many flushes a member receives while its event loop
 * is busy into one (with {@code --flush each}, every frame is flushed on its own, the plainest
 * Netty code). Whatever Tavern's server reaches on the same machine, against the same load, is
 * measured as a fraction of what this one reaches.
 *
 * <pre>java -cp tavern-cli.jar io.tavern.cli.bench.baseline.FanoutBaselineServer --port 7778 [--transport auto|io_uring|epoll|nio] [--threads N] [--flush consolidate|each]</pre>
 */
public final class FanoutBaselineServer {

    /** Flushes a member may be owed before one is forced (FlushConsolidationHandler's knob). */
    static final int FLUSH_AFTER = 256;

    private final Map<String, Room> roomsById = new ConcurrentHashMap<>();
    private final Map<String, Room> roomsByName = new ConcurrentHashMap<>();
    private final boolean consolidateFlushes;

    private FanoutBaselineServer(boolean consolidateFlushes) {
        this.consolidateFlushes = consolidateFlushes;
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "0.0.0.0";
        int port = 7778;
        String transport = "auto";
        int threads = Runtime.getRuntime().availableProcessors();
        String flush = "consolidate";
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--transport" -> transport = value.toLowerCase(Locale.ROOT);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--flush" -> flush = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Transport io = Transport.select(transport);
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("baseline-accept"), io.factory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("baseline-io"), io.factory());
        FanoutBaselineServer server = new FanoutBaselineServer(!flush.equals("each"));
        Channel channel = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(io.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (server.consolidateFlushes) {
                            ch.pipeline().addLast(new FlushConsolidationHandler(FLUSH_AFTER, true));
                        }
                        FrameCodec.install(ch.pipeline(), Frames.DEFAULT_MAX_FRAME_BYTES).addLast(server.new Connection());
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
        System.err.printf(Locale.ROOT, "fan-out baseline listening on %s (transport %s, %d worker threads, flush %s)%n",
                channel.localAddress(), io.name(), threads, server.consolidateFlushes ? "consolidated" : "each");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            channel.close().syncUninterruptibly();
            workers.shutdownGracefully();
            acceptor.shutdownGracefully();
        }));
        channel.closeFuture().sync();
    }

    /** A room: members in order of arrival; written on joins and leaves, read on every message. */
    private record Room(String id, String name, int capacity, List<Channel> members, AtomicLong messageIds) {
        RoomDetails details() {
            return RoomDetails.newBuilder().setRoom(RoomSummary.newBuilder()
                    .setId(id).setName(name).setCapacity(capacity).setMembers(members.size())
                    .setState(RoomState.OPEN)).build();
        }
    }

    /** One connection, on its event loop. */
    private final class Connection extends SimpleChannelInboundHandler<Envelope> {

        private String user;
        private Room room;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope request) {
            long requestId = request.getRequestId();
            switch (request.getBodyCase()) {
                case SEND_CHAT -> chat(ctx, requestId, request.getSendChat().getText());
                case PING -> ctx.writeAndFlush(Envelope.newBuilder().setRequestId(requestId)
                        .setPong(Pong.newBuilder().setNonce(request.getPing().getNonce())).build(), ctx.voidPromise());
                case PONG -> { }
                case HELLO -> ctx.writeAndFlush(Envelope.newBuilder().setRequestId(requestId)
                        .setWelcome(Welcome.newBuilder().setServerVersion("fan-out baseline")
                                .setSessionId(UUID.randomUUID().toString())
                                .setProtocolVersion(ProtocolVersion.CURRENT))
                        .build());
                case LOGIN_GUEST -> {
                    user = request.getLoginGuest().getName();
                    ctx.writeAndFlush(Envelope.newBuilder().setRequestId(requestId)
                            .setLoginOk(LoginOk.newBuilder().setUser(user).setGuest(true)).build());
                }
                case CREATE_ROOM -> {
                    String name = request.getCreateRoom().getName();
                    int capacity = Math.max(2, request.getCreateRoom().getCapacity());
                    Room created = new Room(UUID.randomUUID().toString(), name, capacity,
                            new CopyOnWriteArrayList<>(), new AtomicLong());
                    if (roomsByName.putIfAbsent(name, created) != null) {
                        error(ctx, requestId, ErrorCode.ROOM_NAME_TAKEN, "room name taken");
                        return;
                    }
                    roomsById.put(created.id(), created);
                    enter(ctx, requestId, created);
                }
                case JOIN_ROOM -> {
                    String key = request.getJoinRoom().getRoom();
                    Room found = roomsById.containsKey(key) ? roomsById.get(key) : roomsByName.get(key);
                    if (found == null) {
                        error(ctx, requestId, ErrorCode.ROOM_NOT_FOUND, "no such room");
                    } else if (found.members().size() >= found.capacity()) {
                        error(ctx, requestId, ErrorCode.ROOM_FULL, "room full");
                    } else {
                        enter(ctx, requestId, found);
                    }
                }
                case GOODBYE -> ctx.close();
                default -> error(ctx, requestId, ErrorCode.UNKNOWN_MESSAGE, "the baseline does not serve " + request.getBodyCase());
            }
        }

        private void enter(ChannelHandlerContext ctx, long requestId, Room entered) {
            leave(ctx.channel());
            room = entered;
            entered.members().add(ctx.channel());
            ctx.writeAndFlush(Envelope.newBuilder().setRequestId(requestId).setRoomDetails(entered.details()).build());
        }

        /** Encode once, a retained duplicate to every member, then the sender's ack. */
        private void chat(ChannelHandlerContext ctx, long requestId, String text) {
            Room current = room;
            if (current == null || user == null) {
                error(ctx, requestId, ErrorCode.NOT_IN_ROOM, "not in a room");
                return;
            }
            Envelope message = Envelope.newBuilder().setChatMessage(ChatMessage.newBuilder()
                    .setId(current.messageIds().incrementAndGet())
                    .setScope(ChatScope.ROOM)
                    .setRoomId(current.id())
                    .setRoomName(current.name())
                    .setFrom(user)
                    .setText(text)
                    .setSentAtMs(System.currentTimeMillis())).build();
            ByteBuf frame = Frames.encode(ctx.alloc(), message);
            try {
                for (Channel member : current.members()) {
                    member.writeAndFlush(frame.retainedDuplicate(), member.voidPromise());
                }
            } finally {
                frame.release();
            }
            ctx.writeAndFlush(Envelopes.ack(requestId), ctx.voidPromise());
        }

        private void error(ChannelHandlerContext ctx, long requestId, ErrorCode code, String message) {
            ctx.writeAndFlush(Envelopes.error(requestId, code, message), ctx.voidPromise());
        }

        private void leave(Channel channel) {
            Room current = room;
            room = null;
            if (current != null) {
                current.members().remove(channel);
                if (current.members().isEmpty()) {
                    roomsById.remove(current.id());
                    roomsByName.remove(current.name(), current);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            leave(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The I/O model, chosen like Tavern's {@code tavern.net.transport}. */
    private record Transport(String name, IoHandlerFactory factory, Class<? extends ServerChannel> serverChannel) {
        static Transport select(String wanted) {
            boolean uring = IoUring.isAvailable();
            boolean epoll = Epoll.isAvailable();
            String chosen = switch (wanted) {
                case "auto" -> uring ? "io_uring" : epoll ? "epoll" : "nio";
                case "io_uring", "epoll", "nio" -> wanted;
                default -> throw new IllegalArgumentException("--transport auto|io_uring|epoll|nio, not " + wanted);
            };
            if (chosen.equals("io_uring") && !uring || chosen.equals("epoll") && !epoll) {
                throw new IllegalStateException(chosen + " is not available here");
            }
            return switch (chosen) {
                case "io_uring" -> new Transport(chosen, IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
                case "epoll" -> new Transport(chosen, EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
                default -> new Transport(chosen, NioIoHandler.newFactory(), NioServerSocketChannel.class);
            };
        }
    }
}
