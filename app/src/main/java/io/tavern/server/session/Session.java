package io.tavern.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundInvoker;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.server.budget.SessionBudget;
import io.tavern.server.logic.SerialExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.tavern.server.observability.QuietLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client. Sending is safe from any thread (it goes through the {@link SendQueue});
 * the identity fields are written once, on the session's own serial executor, at login.
 */
public final class Session implements SendQueue.OverflowListener {

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    // A client that stops reading causes this at will; tavern.slow.consumer.closes counts them all.
    private static final QuietLog slowConsumers = QuietLog.info(log);

    /**
     * What every session of a server shares: its send queue's settings, how long a Goodbye may take to leave,
     * and how the connection ends once it has (on the event loop: the network tier closes lingeringly, because a
     * peer still sending, a flood or chat in flight, would otherwise be reset and could lose the Goodbye). One
     * object per server, not a field of each session for each.
     */
    public record Settings(SendQueue.Settings sendQueue, Duration goodbyeGrace, Consumer<Channel> afterGoodbye) {
        public Settings {
            Objects.requireNonNull(sendQueue, "sendQueue");
            Objects.requireNonNull(goodbyeGrace, "goodbyeGrace");
            Objects.requireNonNull(afterGoodbye, "afterGoodbye");
        }
    }

    private static final long NOT_LOGGED_IN = Long.MIN_VALUE;
    private static final long GUEST = Long.MIN_VALUE + 1;
    private static final SecureRandom ID_BITS = new SecureRandom();
    private static final Base64.Encoder ID_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final String id;
    private final Settings settings;
    /** Holds the channel too: the session asks it for the channel rather than keeping a field of its own. */
    private final SendQueue sendQueue;
    /** When the connection was accepted, in epoch milliseconds (a long, not an {@code Instant}: 20 bytes less a session). */
    private final long connectedAtMs = System.currentTimeMillis();

    private volatile SerialExecutor executor;
    /** The request budget's state of this session: made and read on its event loop (see RequestBudget). */
    private SessionBudget budget;
    private final PlayerState player = new PlayerState(this);
    private volatile String user;
    /**
     * Who the player is, written once at login before {@link #user}: its account's id, or {@link #GUEST} (a guest
     * is its session), or {@link #NOT_LOGGED_IN}. A number, not a {@link PlayerIdentity}: the identity is made when
     * asked for (a whisper, a history page, a report), not held by every session (16 bytes a session).
     */
    private volatile long account = NOT_LOGGED_IN;
    private volatile Goodbye.Reason closeReason;

    /** A session whose queue writes to the whole pipeline, charged to no budget, closed plainly after its Goodbye. */
    public Session(String id, Channel channel, long sendQueueLimit, Duration goodbyeGrace, SendStats stats) {
        this(id, channel, channel, new Settings(new SendQueue.Settings(sendQueueLimit, OutboundBudget.UNLIMITED, stats),
                goodbyeGrace, Channel::close));
    }

    /**
     * @param framesOut where the send queue writes encoded frames (see {@link SendQueue}): the network
     *                  tier passes its session handler's context
     * @param settings  the server's, shared by all of its sessions
     */
    public Session(String id, Channel channel, ChannelOutboundInvoker framesOut, Settings settings) {
        this.id = id;
        this.settings = settings;
        // The session hears of its queue overflowing itself, not through a callback made for it (16 bytes a session).
        this.sendQueue = new SendQueue(channel, framesOut, settings.sendQueue(), this);
    }

    /**
     * A new session id: 128 random bits as 22 URL-safe characters ({@code A-Z a-z 0-9 - _}; never a colon, which
     * listing cursors split on). Random, not a count: a guest's identity is its session id
     * ({@link PlayerIdentity#guest}), which no later session, after a restart or on another node, may have again.
     * The text takes 64 bytes of heap, where a UUID's 36 characters took 80.
     */
    public static String newId() {
        byte[] bits = new byte[16];
        ID_BITS.nextBytes(bits);
        return ID_TEXT.encodeToString(bits);
    }

    public String id() {
        return id;
    }

    /** The peer's address, or null for a connection that has none (an in-memory channel in tests). */
    public InetSocketAddress remoteAddress() {
        // The channel keeps the address it was accepted with, also once closed.
        return channel().remoteAddress() instanceof InetSocketAddress inet ? inet : null;
    }

    public Instant connectedAt() {
        return Instant.ofEpochMilli(connectedAtMs);
    }

    public SendQueue sendQueue() {
        return sendQueue;
    }

    /** The session's serial executor on the logic pool; null until the handshake completes. */
    public SerialExecutor executor() {
        return executor;
    }

    public void attach(SerialExecutor executor) {
        this.executor = executor;
    }

    /** What the request budget keeps of this session; null until the handshake completes. Its event loop only. */
    public SessionBudget budget() {
        return budget;
    }

    /** Sets (at the handshake) or forgets (at the close, with null) what the request budget keeps of this session. */
    public void attachBudget(SessionBudget budget) {
        this.budget = budget;
    }

    /** The logged-in name, or null before login. */
    public String user() {
        return user;
    }

    public boolean isGuest() {
        return account == GUEST;
    }

    /** Who the player is (an account, or this guest session); null before login. */
    public PlayerIdentity identity() {
        long known = account;
        return known == NOT_LOGGED_IN ? null : known == GUEST ? PlayerIdentity.guest(this) : PlayerIdentity.account(known);
    }

    public boolean isLoggedIn() {
        return user != null;
    }

    /**
     * The login succeeded: the player is {@code identity} (an account, or this session as a guest) and goes by
     * {@code user}. Once, on the session's executor.
     */
    public void loggedIn(String user, PlayerIdentity identity) {
        long known;
        if (identity.isGuest()) {
            if (!identity.equals(PlayerIdentity.guest(this))) {
                throw new IllegalArgumentException("a guest is its own session, not " + identity);
            }
            known = GUEST;
        } else {
            known = identity.accountId().getAsLong();
            if (known == NOT_LOGGED_IN || known == GUEST) {
                throw new IllegalArgumentException("not an account id: " + known);
            }
        }
        this.account = known;
        this.user = user;
    }

    /** The logic tier's state of this player: its phase and its room, every change in one place. */
    public PlayerState player() {
        return player;
    }

    /**
     * A policy's private slot on this session (the request budget's buckets, the room-creation rate, the
     * database requests in flight). Each slot's key is private to the one class that uses it, which states the
     * thread that may touch it; what the player <em>is</em> (phase, room) lives in {@link #player()}.
     */
    public <T> io.netty.util.Attribute<T> attribute(io.netty.util.AttributeKey<T> key) {
        return channel().attr(key);
    }

    public boolean isOpen() {
        return channel().isActive() && sendQueue.isOpen();
    }

    /** Why the server ended the session, or null if it has not (yet) or the client left. */
    public Goodbye.Reason closeReason() {
        return closeReason;
    }

    // ---- sending

    /** Encodes and queues one envelope. */
    public boolean send(Envelope envelope) {
        if (envelope.hasError()) {
            settings.sendQueue().stats().errorSent(envelope.getError().getCode()); // every error reply passes here: counted by code
        }
        return sendQueue.enqueue(Frames.encode(channel().alloc(), envelope));
    }

    /**
     * Queues a frame encoded once for many recipients; the caller keeps its own reference. The queue
     * only reads the frame (see {@link SendQueue}), so it takes a reference, not a duplicate.
     */
    public boolean sendShared(ByteBuf frame) {
        return sendQueue.enqueue(frame.retain());
    }

    public boolean ack(long requestId) {
        return sendQueue.enqueue(Frames.ack(channel().alloc(), requestId));
    }

    public boolean error(long requestId, ErrorCode code, String message) {
        return send(Envelopes.error(requestId, code, message));
    }

    // ---- closing

    /**
     * Ends the session politely: {@code Goodbye} goes out after everything already queued, then the
     * connection closes.
     */
    public void close(Goodbye.Reason reason, String message) {
        if (closeReason == null) {
            closeReason = reason;
        }
        sendQueue.finish(Frames.encode(channel().alloc(), Envelopes.goodbye(reason, message)), settings.afterGoodbye());
    }

    /** The send queue overflowed: the peer reads too slowly. Called once, by the queue, on the enqueuing thread. */
    @Override
    public void onOverflow(SendQueue queue, long queuedBytes) {
        closeReason = Goodbye.Reason.SLOW_CONSUMER;
        slowConsumers.log("slow consumer closed: session={} user={} remote={} queued={}B limit={}B",
                id, user, remoteAddress(), queuedBytes, queue.limitBytes());
        channel().eventLoop().execute(this::sayGoodbyeDespiteFullQueue);
    }

    /**
     * The queue is closed and its frames released; try the Goodbye straight on the channel. If the
     * peer reads nothing, even that will not leave, so the close does not wait past the grace.
     */
    private void sayGoodbyeDespiteFullQueue() {
        Channel channel = channel();
        if (!channel.isActive()) {
            return;
        }
        ByteBuf goodbye = Frames.encode(channel.alloc(),
                Envelopes.goodbye(Goodbye.Reason.SLOW_CONSUMER, "send queue over its limit"));
        channel.writeAndFlush(goodbye).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), settings.goodbyeGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the connection at once, dropping anything unsent. */
    public void abort() {
        sendQueue.close();
        channel().close();
    }

    public Channel channel() {
        return sendQueue.channel();
    }

    @Override
    public String toString() {
        return "Session[" + id + (user != null ? " " + user : "") + " " + remoteAddress() + "]";
    }
}
