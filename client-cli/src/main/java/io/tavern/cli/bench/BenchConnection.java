package io.tavern.cli.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import io.tavern.cli.bench.net.EnvelopeHead;
import io.tavern.cli.bench.net.FrameSplitter;
import io.tavern.cli.bench.net.MalformedFrameException;
import io.tavern.cli.bench.net.ProtoReader;
import io.tavern.client.DisconnectReason;
import io.tavern.client.ServerErrorException;
import io.tavern.protocol.Frames;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Hello;
import io.tavern.protocol.v1.JoinRoom;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.Ping;
import io.tavern.protocol.v1.Pong;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One simulated player: its connection to the server and everything it does on it.
 *
 * <p>Setting up (Hello, LoginGuest, CreateRoom or JoinRoom) is cold: protobuf builds and decodes
 * those frames, and each step is a {@link CompletableFuture}. Chatting is the hot path and allocates
 * nothing but the pooled buffer of each send: frames are read where they lie ({@link FrameSplitter},
 * {@link ProtoReader}); an Ack or Error is read as its request_id and code, a ChatMessage as the
 * bytes of its text ({@link BenchText}), and nothing else is decoded. Sends copy a pre-encoded frame
 * ({@link SendChatFrame}); in window mode, those made while reading go out as one buffer and one flush
 * when the read ends.
 *
 * <p>Accounting, exact per pair of members: this connection counts the measured messages it sent,
 * how many the server acked and refused, and, per member of its room, how many measured messages
 * from that member it received. {@link DeliveryLedger} matches the two sides after the run.
 *
 * <p>Threading: after {@link #connect}, everything runs on the channel's event loop; the run's
 * thread reaches it only through tasks ({@link #join}, {@link #startSending}, and {@link #snapshot}
 * run on the loop), so no field needs a lock or a volatile.
 */
final class BenchConnection extends FrameSplitter {

    private final String name;
    private final BenchConfig config;
    private final BenchPhase phase;
    private final Function<Channel, LoopStats> statsOfLoop;
    private final EnvelopeHead head = new EnvelopeHead();
    private final ProtoReader message = new ProtoReader();
    private final BenchText text = new BenchText();

    private Channel channel;
    private ChannelHandlerContext ctx;
    private LoopStats stats;
    private long readNanos;
    /** Sends made while reading (window mode), written and flushed as one buffer when the read ends. */
    private ByteBuf unflushed;
    private boolean closed;
    private boolean loggedIn;
    private Goodbye.Reason goodbye;

    // Setting up: one request at a time.
    private long nextSetupId = 1;
    private long pendingId;
    private CompletableFuture<Envelope> pending;

    // Chatting.
    private int room = -1;
    private int slot;
    private int roomSize;
    private SendChatFrame sendFrame;
    private long sequence;
    private int inFlight;
    private ScheduledFuture<?> pacer;
    private long measuredSent;
    private long measuredAcked;
    private long measuredRejected;
    private long received;
    private long measuredReceived;
    private int[] receivedFrom = new int[0];
    private long[] lastSequenceFrom = new long[0];

    BenchConnection(String name, BenchConfig config, BenchPhase phase, Function<Channel, LoopStats> statsOfLoop) {
        super(Frames.CLIENT_MAX_FRAME_BYTES);
        this.name = name;
        this.config = config;
        this.phase = phase;
        this.statsOfLoop = statsOfLoop;
    }

    /** The connection's channel, or null before {@link #connect}. */
    Channel channel() {
        return channel;
    }

    /** Connects, says Hello and logs in as a guest; completes on the event loop. */
    CompletableFuture<Void> connect(Bootstrap bootstrap, InetSocketAddress server, InetAddress bindAddress) {
        ChannelFuture connecting = bindAddress == null
                ? bootstrap.clone().handler(this).connect(server)
                : bootstrap.clone().handler(this).connect(server, new InetSocketAddress(bindAddress, 0));
        channel = connecting.channel();
        CompletableFuture<Void> done = new CompletableFuture<>();
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                done.completeExceptionally(connected.cause());
                return;
            }
            request(Envelope.newBuilder().setHello(Hello.newBuilder()
                            .setProtocolVersion(ProtocolVersion.CURRENT).setClientName("tavern-cli bench")))
                    .thenCompose(welcome -> request(Envelope.newBuilder().setLoginGuest(LoginGuest.newBuilder().setName(name))))
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(failure);
                        } else {
                            loggedIn = true;
                            done.complete(null);
                        }
                    });
        });
        return done;
    }

    /** Creates a room of {@code capacity}; completes with its id. */
    CompletableFuture<String> createRoom(String roomName, int capacity) {
        return request(Envelope.newBuilder().setCreateRoom(CreateRoom.newBuilder().setName(roomName).setCapacity(capacity)))
                .thenApply(reply -> reply.getRoomDetails().getRoom().getId());
    }

    CompletableFuture<Void> joinRoom(String roomId) {
        return request(Envelope.newBuilder().setJoinRoom(JoinRoom.newBuilder().setRoom(roomId))).thenApply(reply -> null);
    }

    /**
     * Takes {@code slot} of the run's room {@code roomIndex} of {@code members}: from now on, the
     * members' measured messages are counted per sender. Done for every member before anyone sends.
     */
    CompletableFuture<Void> join(int roomIndex, int slot, int members) {
        return onLoop(() -> {
            this.room = roomIndex;
            this.slot = slot;
            this.roomSize = members;
            this.sendFrame = new SendChatFrame(roomIndex, slot, config.payloadBytes());
            this.receivedFrom = new int[members];
            this.lastSequenceFrom = new long[members];
            Arrays.fill(lastSequenceFrom, -1);
            return null;
        });
    }

    /** Starts chatting: at the configured rate, or keeping the window full. */
    void startSending() {
        channel.eventLoop().execute(() -> {
            if (closed) {
                return;
            }
            if (config.maxThroughput()) {
                for (int i = 0; i < config.window(); i++) {
                    send(false);
                }
                flushIfWritten();
            } else {
                long periodNanos = Math.max(1, Math.round(1e9 / config.ratePerClient()));
                // A random phase spreads the clients' sends over the period instead of in bursts.
                long initialDelay = ThreadLocalRandom.current().nextLong(periodNanos);
                pacer = channel.eventLoop().scheduleAtFixedRate(() -> send(true), initialDelay, periodNanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** What this connection counted so far. Called on its event loop. */
    Snapshot snapshot() {
        assert channel.eventLoop().inEventLoop();
        return new Snapshot(room, slot, !closed, measuredSent, measuredAcked, measuredRejected,
                received, measuredReceived, receivedFrom.clone());
    }

    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.close().addListener(closing -> done.complete(null));
        return done;
    }

    /**
     * What one connection counted: {@code received} is every benchmark message of the run it
     * received (warm-up ones included), {@code receivedFrom[s]} the measured ones from the member
     * in slot {@code s} of its room ({@code room} -1 before it was seated).
     */
    record Snapshot(int room, int slot, boolean open, long measuredSent, long measuredAcked, long measuredRejected,
                    long received, long measuredReceived, int[] receivedFrom) {

        /** Measured messages with neither an Ack nor an Error (yet). */
        long unanswered() {
            return measuredSent - measuredAcked - measuredRejected;
        }
    }

    // ---- the event loop's side

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.stats = statsOfLoop.apply(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        // One clock reading per socket read: every frame in it arrived by then.
        readNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void frame(ChannelHandlerContext ctx, byte[] frame, int length) {
        head.read(frame, length);
        long requestId = head.requestId();
        if (pending != null && (requestId == pendingId || requestId == 0 && head.body() == Envelope.ERROR_FIELD_NUMBER)) {
            setupReply(frame, length);
            return;
        }
        switch (head.body()) {
            case Envelope.CHAT_MESSAGE_FIELD_NUMBER -> chat(frame, head.bodyStart(), head.bodyEnd());
            case Envelope.ACK_FIELD_NUMBER -> chatReply(requestId, 0);
            case Envelope.ERROR_FIELD_NUMBER ->
                    chatReply(requestId, message.varintField(frame, head.bodyStart(), head.bodyEnd(), Error.CODE_FIELD_NUMBER));
            case Envelope.PING_FIELD_NUMBER -> ctx.writeAndFlush(Frames.encode(ctx.alloc(), Envelope.newBuilder()
                    .setPong(Pong.newBuilder().setNonce(message.varintField(frame, head.bodyStart(), head.bodyEnd(), Ping.NONCE_FIELD_NUMBER)))
                    .build()), ctx.voidPromise());
            case Envelope.GOODBYE_FIELD_NUMBER -> {
                Goodbye.Reason reason = Goodbye.Reason.forNumber(
                        (int) message.varintField(frame, head.bodyStart(), head.bodyEnd(), Goodbye.REASON_FIELD_NUMBER));
                goodbye = reason == null ? Goodbye.Reason.REASON_UNSPECIFIED : reason;
                ctx.close();
            }
            default -> { } // room and lobby events: not what is measured
        }
    }

    private void chat(byte[] frame, int start, int end) {
        message.reset(frame, start, end);
        while (message.next()) {
            if (message.field() == ChatMessage.TEXT_FIELD_NUMBER && message.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                if (text.read(frame, message.start(), message.length())) {
                    received(text);
                }
                return;
            }
        }
    }

    private void received(BenchText delivered) {
        received++;
        if (!delivered.measured()) {
            return;
        }
        int from = delivered.slot();
        if (delivered.room() != room || from >= roomSize) {
            stats.misrouted();
            return;
        }
        if (delivered.sequence() <= lastSequenceFrom[from]) {
            stats.outOfOrder();
        } else {
            lastSequenceFrom[from] = delivered.sequence();
        }
        receivedFrom[from]++;
        measuredReceived++;
        stats.delivered(delivered.sentNanos(), readNanos);
    }

    /** An Ack ({@code code} 0) or an Error with {@code code} answering request {@code requestId}. */
    private void chatReply(long requestId, long code) {
        if (!SendChatFrame.isChat(requestId)) {
            stats.incident(code == 0 ? "UNEXPECTED_ACK" : "ERROR_" + LoopStats.codeName((int) code));
            return;
        }
        inFlight--;
        boolean measured = SendChatFrame.isMeasured(requestId);
        if (code == 0) {
            if (measured) {
                measuredAcked++;
            }
        } else {
            stats.refused((int) code);
            if (measured) {
                measuredRejected++;
            }
        }
        if (config.maxThroughput() && inFlight < config.window()) {
            send(false);
        }
    }

    /** One message: flushed at once ({@code now}), or added to the sends written when the read ends. */
    private void send(boolean now) {
        BenchPhase.Phase current = phase.current();
        if (!current.sending() || closed) {
            if (pacer != null) {
                pacer.cancel(false);
                pacer = null;
            }
            return;
        }
        boolean measured = current == BenchPhase.Phase.MEASURE;
        if (measured) {
            measuredSent++;
        }
        inFlight++;
        if (now) {
            ByteBuf frame = ctx.alloc().directBuffer(sendFrame.length());
            sendFrame.writeTo(frame, sequence++, measured, System.nanoTime());
            ctx.writeAndFlush(frame, ctx.voidPromise());
        } else {
            if (unflushed == null) {
                unflushed = ctx.alloc().directBuffer(sendFrame.length() * config.window());
            }
            sendFrame.writeTo(unflushed, sequence++, measured, System.nanoTime());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        super.channelReadComplete(ctx);
        flushIfWritten();
    }

    private void flushIfWritten() {
        if (unflushed != null) {
            ByteBuf sends = unflushed;
            unflushed = null;
            ctx.writeAndFlush(sends, ctx.voidPromise());
        }
    }

    private void setupReply(byte[] frame, int length) {
        CompletableFuture<Envelope> reply = pending;
        pending = null;
        pendingId = 0;
        try {
            Envelope decoded = Envelope.parser().parseFrom(frame, 0, length);
            if (decoded.hasError()) {
                reply.completeExceptionally(new ServerErrorException(decoded.getError()));
            } else {
                reply.complete(decoded);
            }
        } catch (InvalidProtocolBufferException e) {
            reply.completeExceptionally(e);
        }
    }

    /** Sends a setup request; completes with the reply (an Error reply as {@link ServerErrorException}). */
    private CompletableFuture<Envelope> request(Envelope.Builder request) {
        CompletableFuture<Envelope> reply = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (closed) {
                reply.completeExceptionally(new ClosedChannelException());
                return;
            }
            if (pending != null) {
                reply.completeExceptionally(new IllegalStateException("a setup request is already pending"));
                return;
            }
            pendingId = nextSetupId++;
            pending = reply;
            channel.writeAndFlush(Frames.encode(channel.alloc(), request.setRequestId(pendingId).build()), channel.voidPromise());
        });
        Duration timeout = config.requestTimeout();
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> CompletableFuture<T> onLoop(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (pacer != null) {
            pacer.cancel(false);
            pacer = null;
        }
        if (pending != null) {
            pending.completeExceptionally(new ClosedChannelException());
            pending = null;
        }
        if (unflushed != null) {
            unflushed.release();
            unflushed = null;
        }
        if (loggedIn && phase.current() != BenchPhase.Phase.CLOSING) {
            stats.incident("DISCONNECTED_" + (goodbye == null ? DisconnectReason.NETWORK : DisconnectReason.of(goodbye)).name());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A frame's exception reaches here wrapped by the decoder.
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        stats.incident(reason instanceof MalformedFrameException || reason instanceof TooLongFrameException
                ? "MALFORMED_FRAME" : reason.getClass().getSimpleName());
        super.exceptionCaught(ctx, cause);
    }
}
