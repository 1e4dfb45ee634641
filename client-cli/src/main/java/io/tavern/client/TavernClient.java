package io.tavern.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateHandler;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.FrameCodec;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.EndGame;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Hello;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.HistoryPage;
import io.tavern.protocol.v1.JoinRoom;
import io.tavern.protocol.v1.KickMember;
import io.tavern.protocol.v1.Report;
import io.tavern.protocol.v1.LeaveRoom;
import io.tavern.protocol.v1.ListMembers;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.Login;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.MemberList;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.protocol.v1.Register;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.SendChat;
import io.tavern.protocol.v1.SetReady;
import io.tavern.protocol.v1.StartGame;
import io.tavern.protocol.v1.Welcome;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One connection to a Tavern server, after its handshake.
 *
 * <p>{@link #connect} opens the TCP connection, sends Hello and completes with the client once the
 * server's Welcome arrived. From then on {@link #request} sends a request under a fresh request_id
 * and completes with the server's reply, whatever it is; {@link #call} and the typed methods
 * ({@link #loginGuest}, {@link #joinRoom}...) turn an Error reply into a
 * {@link ServerErrorException}. Frames the server pushes (request_id 0) go to the
 * {@link ClientListener}s; the server's Ping is answered here, and the client pings a server it has
 * not written to for heartbeat_interval_ms.
 *
 * <p>Thread safety: every method may be called from any thread. Futures complete, and listeners
 * are called, on the connection's event loop thread, so a continuation attached to a future must
 * not block either; use the {@code *Async} variants of {@link CompletableFuture} with an executor
 * for longer work.
 */
public final class TavernClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TavernClient.class.getName());
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final String CLIENT_HANDLER = "tavernClient";

    private final ClientOptions options;
    private final List<ListenerRegistration> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<TavernClient> handshake = new CompletableFuture<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile PendingRequests pending;
    private volatile Welcome welcome;
    private volatile Goodbye goodbye;
    private volatile Throwable failure;
    private volatile boolean closeRequested;
    private volatile DisconnectInfo disconnectInfo;

    private TavernClient(ClientOptions options) {
        this.options = options;
        options.listeners().forEach(this::addListener);
    }

    /**
     * Connects and shakes hands. Completes with the client after the server's Welcome; exceptionally
     * with {@link ServerErrorException} when the server refuses (UNSUPPORTED_VERSION, SERVER_FULL...),
     * with the {@link java.io.IOException} of a failed connect ({@link UnknownHostException},
     * {@link java.net.ConnectException} when refused, {@code ConnectTimeoutException}...), with
     * {@link ProtocolMismatchException} when the peer is not a Tavern server, with
     * {@link ConnectionClosedException} when the server closes before its Welcome, or with
     * {@link RequestTimeoutException} when no Welcome comes within the request time-out.
     */
    public static CompletableFuture<TavernClient> connect(ClientOptions options) {
        Objects.requireNonNull(options, "options");
        return new TavernClient(options).open();
    }

    private CompletableFuture<TavernClient> open() {
        EventLoopGroup group = options.eventLoopGroup() != null ? options.eventLoopGroup() : ClientEventLoops.shared();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(ClientEventLoops.channelTypeFor(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Here, on the event loop and before channelActive sends the Hello.
                        channel = ch;
                        pending = new PendingRequests(ch.eventLoop(), options.requestTimeout().toMillis());
                        FrameCodec.install(ch.pipeline(), options.maxFrameBytes())
                                .addLast(CLIENT_HANDLER, new ClientChannelHandler(TavernClient.this,
                                        options.answerPings()));
                    }
                });
        if (options.receiveBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, options.receiveBufferBytes());
        }
        InetSocketAddress remote = new InetSocketAddress(options.host(), options.port());
        if (remote.isUnresolved()) {
            // The constructor tried the name already; Netty would only try again, on an event loop.
            failBeforeConnecting(new UnknownHostException(options.host()));
            return handshake;
        }
        ChannelFuture connecting = options.bindAddress() == null
                ? bootstrap.connect(remote)
                : bootstrap.connect(remote, new InetSocketAddress(options.bindAddress(), 0));
        channel = connecting.channel();
        connecting.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                failure = f.cause();
                handshake.completeExceptionally(f.cause());
            }
        });
        // A failed connect may close the channel before it fails the connect future (Bootstrap does
        // so when resolving fails): the close is described once the connect's own cause is known, or
        // it would read "the server closed the connection" for a server never reached.
        channel.closeFuture().addListener(closed -> connecting.addListener(f -> onChannelClosed()));
        return handshake;
    }

    /** Ends a connection that never got a channel: told like any other close, then failed. */
    private void failBeforeConnecting(Throwable cause) {
        failure = cause;
        DisconnectInfo info = describeClose();
        disconnectInfo = info;
        handshake.completeExceptionally(cause);
        for (ListenerRegistration registration : listeners) {
            registration.closed(info);
        }
        closeFuture.complete(null);
    }

    /** Called by the handler once the TCP connection is up. */
    void sendHello() {
        request(Envelope.newBuilder().setHello(Hello.newBuilder()
                .setProtocolVersion(options.protocolVersion())
                .setClientName(options.clientName())))
                .whenComplete((reply, error) -> {
                    if (error != null) {
                        handshake.completeExceptionally(error);
                        channel.close();
                    } else if (reply.hasWelcome()) {
                        onWelcome(reply.getWelcome());
                    } else {
                        handshake.completeExceptionally(reply.hasError()
                                ? new ServerErrorException(reply.getError())
                                : notTavern("answered Hello with " + reply.getBodyCase(), null));
                        closeRequested = true;
                        channel.close();
                    }
                });
    }

    private void onWelcome(Welcome welcome) {
        this.welcome = welcome;
        long interval = welcome.getHeartbeatIntervalMs();
        if (options.heartbeat() && interval > 0 && channel.isActive()) {
            channel.pipeline()
                    .addBefore(CLIENT_HANDLER, "idle", new IdleStateHandler(
                            HeartbeatHandler.SILENT_INTERVALS * interval, interval, 0, TimeUnit.MILLISECONDS))
                    .addBefore(CLIENT_HANDLER, "heartbeat", new HeartbeatHandler(interval));
        }
        handshake.complete(this);
    }

    void onReply(Envelope reply) {
        if (!pending.complete(reply) && welcome == null) {
            beforeWelcome(reply);
        }
    }

    void onEvent(Envelope event) {
        if (event.hasGoodbye()) {
            goodbye = event.getGoodbye();
        } else if (welcome == null) {
            beforeWelcome(event);
        }
        for (ListenerRegistration registration : listeners) {
            registration.event(event);
        }
    }

    /**
     * A frame other than the Hello's reply before the Welcome: a Tavern server sends only an Error
     * then (SERVER_FULL at accept, under its own id) or a Goodbye; anything else means the peer is
     * something else.
     */
    private void beforeWelcome(Envelope frame) {
        if (frame.hasError()) {
            handshake.completeExceptionally(new ServerErrorException(frame.getError()));
        } else if (!frame.hasGoodbye()) {
            handshake.completeExceptionally(notTavern("sent " + frame.getBodyCase() + " before its Welcome", null));
            closeRequested = true;
            channel.close();
        }
    }

    void onFailure(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        if (welcome == null && cause instanceof DecoderException) {
            // What came first was not a Tavern frame: "HTTP/1.1 400" read as a length prefix is over
            // any maximum, for one.
            handshake.completeExceptionally(notTavern("sent what is not a Tavern frame", cause));
        }
    }

    private ProtocolMismatchException notTavern(String what, Throwable cause) {
        return new ProtocolMismatchException(options.host() + ":" + options.port() + " " + what
                + "; it does not speak the Tavern protocol", cause);
    }

    private void onChannelClosed() {
        DisconnectInfo info = describeClose();
        disconnectInfo = info;
        PendingRequests waiting = pending;
        if (waiting != null) {
            waiting.failAll(info);
        }
        handshake.completeExceptionally(new ConnectionClosedException(info));
        for (ListenerRegistration registration : listeners) {
            registration.closed(info);
        }
        closeFuture.complete(null);
    }

    private DisconnectInfo describeClose() {
        Goodbye received = goodbye;
        if (received != null) {
            return DisconnectInfo.of(received);
        }
        Throwable cause = failure;
        if (closeRequested && cause == null) {
            return new DisconnectInfo(DisconnectReason.CLOSED, "closed by the client", null, null);
        }
        String message = cause == null ? "the server closed the connection"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new DisconnectInfo(DisconnectReason.NETWORK, message, null, cause);
    }

    /** The server's Welcome; null only before {@link #connect}'s future completed. */
    public Welcome welcome() {
        return welcome;
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * Sends {@code request} under the next request_id and completes with the reply envelope, whatever
     * it is (including Error). Completes exceptionally with {@link ConnectionClosedException} if the
     * connection closes first, or {@link RequestTimeoutException} after the request time-out.
     */
    public CompletableFuture<Envelope> request(Envelope.Builder request) {
        long requestId = pending.nextId();
        Envelope envelope = request.setRequestId(requestId).build();
        CompletableFuture<Envelope> reply = pending.register(requestId);
        if (!reply.isDone()) {
            channel.writeAndFlush(envelope).addListener(f -> {
                if (!f.isSuccess()) {
                    pending.fail(requestId, f.cause());
                }
            });
        }
        return reply;
    }

    /** Like {@link #request}, but an Error reply completes exceptionally with {@link ServerErrorException}. */
    public CompletableFuture<Envelope> call(Envelope.Builder request) {
        return request(request).thenApply(reply -> {
            if (reply.hasError()) {
                throw new ServerErrorException(reply.getError());
            }
            return reply;
        });
    }

    public CompletableFuture<LoginOk> loginGuest(String name) {
        return expect(Envelope.newBuilder().setLoginGuest(LoginGuest.newBuilder().setName(name)),
                Envelope.BodyCase.LOGIN_OK, Envelope::getLoginOk);
    }

    public CompletableFuture<LoginOk> login(String name, String password) {
        return expect(Envelope.newBuilder().setLogin(Login.newBuilder().setName(name).setPassword(password)),
                Envelope.BodyCase.LOGIN_OK, Envelope::getLoginOk);
    }

    public CompletableFuture<LoginOk> register(String name, String password) {
        return expect(Envelope.newBuilder().setRegister(Register.newBuilder().setName(name).setPassword(password)),
                Envelope.BodyCase.LOGIN_OK, Envelope::getLoginOk);
    }

    /** Sends a chat line; completes with the reply envelope (Ack or Error). {@code to} is for WHISPER. */
    public CompletableFuture<Envelope> sendChat(ChatScope scope, String to, String text) {
        SendChat.Builder chat = SendChat.newBuilder().setScope(scope).setText(text);
        if (to != null) {
            chat.setTo(to);
        }
        return request(Envelope.newBuilder().setSendChat(chat));
    }

    public CompletableFuture<RoomDetails> createRoom(CreateRoom room) {
        return expect(Envelope.newBuilder().setCreateRoom(room),
                Envelope.BodyCase.ROOM_DETAILS, Envelope::getRoomDetails);
    }

    /** Joins a room by id or name; {@code password} may be null. */
    public CompletableFuture<RoomDetails> joinRoom(String room, String password) {
        JoinRoom.Builder join = JoinRoom.newBuilder().setRoom(room);
        if (password != null) {
            join.setPassword(password);
        }
        return expect(Envelope.newBuilder().setJoinRoom(join), Envelope.BodyCase.ROOM_DETAILS,
                Envelope::getRoomDetails);
    }

    public CompletableFuture<Void> leaveRoom() {
        return acked(Envelope.newBuilder().setLeaveRoom(LeaveRoom.getDefaultInstance()));
    }

    public CompletableFuture<RoomList> listRooms(ListRooms filter) {
        return expect(Envelope.newBuilder().setListRooms(filter), Envelope.BodyCase.ROOM_LIST,
                Envelope::getRoomList);
    }

    public CompletableFuture<MemberList> listMembers() {
        return expect(Envelope.newBuilder().setListMembers(ListMembers.getDefaultInstance()),
                Envelope.BodyCase.MEMBER_LIST, Envelope::getMemberList);
    }

    public CompletableFuture<OnlineUserList> listOnlineUsers(ListOnlineUsers filter) {
        return expect(Envelope.newBuilder().setListOnlineUsers(filter), Envelope.BodyCase.ONLINE_USER_LIST,
                Envelope::getOnlineUserList);
    }

    public CompletableFuture<HistoryPage> history(History query) {
        return expect(Envelope.newBuilder().setHistory(query), Envelope.BodyCase.HISTORY_PAGE,
                Envelope::getHistoryPage);
    }

    public CompletableFuture<Void> setReady(boolean ready) {
        return acked(Envelope.newBuilder().setSetReady(SetReady.newBuilder().setReady(ready)));
    }

    public CompletableFuture<Void> startGame() {
        return acked(Envelope.newBuilder().setStartGame(StartGame.getDefaultInstance()));
    }

    public CompletableFuture<Void> endGame() {
        return acked(Envelope.newBuilder().setEndGame(EndGame.getDefaultInstance()));
    }

    public CompletableFuture<Void> kick(String user, String reason) {
        KickMember.Builder kick = KickMember.newBuilder().setUser(user);
        if (reason != null) {
            kick.setReason(reason);
        }
        return acked(Envelope.newBuilder().setKickMember(kick));
    }

    /** Reports {@code user} to the server's operators; completes once the server stored the report. */
    public CompletableFuture<Void> report(String user, String reason) {
        return acked(Envelope.newBuilder().setReport(Report.newBuilder().setUser(user).setReason(reason)));
    }

    private CompletableFuture<Void> acked(Envelope.Builder request) {
        return expect(request, Envelope.BodyCase.ACK, reply -> null);
    }

    private <T> CompletableFuture<T> expect(Envelope.Builder request, Envelope.BodyCase expected,
                                            Function<Envelope, T> result) {
        return call(request).thenApply(reply -> {
            if (reply.getBodyCase() != expected) {
                throw new UnexpectedReplyException(expected, reply);
            }
            return result.apply(reply);
        });
    }

    /** Writes {@code envelope} as it is, request_id included, and expects nothing back. For tests. */
    public void send(Envelope envelope) {
        channel.writeAndFlush(envelope);
    }

    /**
     * Adds a listener; it runs on the event loop thread (see {@link ClientListener}). A listener
     * added after the connection closed is told so at once, on the event loop.
     */
    public void addListener(ClientListener listener) {
        ListenerRegistration registration = new ListenerRegistration(Objects.requireNonNull(listener, "listener"));
        listeners.add(registration);
        DisconnectInfo info = disconnectInfo;
        if (info != null) {
            Channel ch = channel;
            if (ch == null) {
                registration.closed(info);
            } else {
                ch.eventLoop().execute(() -> registration.closed(info));
            }
        }
    }

    public void removeListener(ClientListener listener) {
        listeners.removeIf(registration -> registration.listener == listener);
    }

    /** Stops or resumes reading from the socket; a client that stops reading makes the server queue. */
    public void setReading(boolean reading) {
        channel.config().setAutoRead(reading);
    }

    /**
     * The event loop this connection runs on: listeners and futures complete there. Work scheduled
     * on it (the load generator's pacing) runs on the same thread as the connection, without locks.
     */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** The local address of the connection (shows which bind address the load generator used). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** How the connection ended; null while it is open. */
    public DisconnectInfo disconnectInfo() {
        return disconnectInfo;
    }

    /** Completes (never exceptionally) once the connection is closed and the listeners were told. */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /**
     * Sends Goodbye(CLIENT_QUIT) if the connection is open, then closes it. Called from any thread
     * but the event loop, waits (a few seconds at most) until the close is complete.
     */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        closeAsync();
        if (!ch.eventLoop().inEventLoop()) {
            try {
                closeFuture.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.log(System.Logger.Level.DEBUG, "close did not finish in time", e);
            }
        }
    }

    /**
     * Like {@link #close()} but does not wait: for closing many connections at once (the load
     * generator). The returned future is {@link #closeFuture()}.
     */
    public CompletableFuture<Void> closeAsync() {
        Channel ch = channel;
        if (ch == null) {
            return closeFuture;
        }
        closeRequested = true;
        if (ch.isActive()) {
            ch.writeAndFlush(Envelopes.goodbye(Goodbye.Reason.CLIENT_QUIT, "bye"))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
        return closeFuture;
    }

    /** Delivers to one listener, shielding the others from what it throws, and closes it once. */
    private static final class ListenerRegistration {
        private final ClientListener listener;
        private final AtomicBoolean closedNotified = new AtomicBoolean();

        ListenerRegistration(ClientListener listener) {
            this.listener = listener;
        }

        void event(Envelope event) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener failed on " + event.getBodyCase(), e);
            }
        }

        void closed(DisconnectInfo info) {
            if (closedNotified.compareAndSet(false, true)) {
                try {
                    listener.onClosed(info);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "listener failed on close", e);
                }
            }
        }
    }
}
