package io.tavern.cli.bench.baseline;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.tavern.cli.bench.net.EnvelopeHead;
import io.tavern.cli.bench.net.FrameSplitter;
import io.tavern.cli.bench.net.MalformedFrameException;
import io.tavern.cli.bench.net.ProtoReader;
import io.tavern.protocol.ProtoWriter;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.Frames;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.Ack;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Limits;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.Pong;
import io.tavern.protocol.v1.SendChat;
import io.tavern.protocol.v1.Welcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One connection to the bare baseline, on its event loop. A SendChat is read in place and its
 * ChatMessage encoded once, by hand, around the text's bytes; every other request is decoded by
 * protobuf and answered at once. See {@link BareFanoutServer} for what is served.
 */
final class BareSession extends FrameSplitter {

    private static final int DEFAULT_CAPACITY = 8;

    private final BareLobby lobby;
    private final Map<?, LoopOutbox> outboxes;
    private final long sessionNumber;
    private final EnvelopeHead head = new EnvelopeHead();
    private final ProtoReader chat = new ProtoReader();
    private ChannelHandlerContext ctx;
    private LoopOutbox outbox;
    private boolean unflushed;
    private String user;
    /** Field 5 (from) of this user's ChatMessages, encoded once at login. */
    private byte[] fromField;
    private BareRoom room;

    BareSession(BareLobby lobby, Map<?, LoopOutbox> outboxes, long sessionNumber) {
        super(Frames.DEFAULT_MAX_FRAME_BYTES);
        this.lobby = lobby;
        this.outboxes = outboxes;
        this.sessionNumber = sessionNumber;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    int loopIndex() {
        return outbox.index();
    }

    boolean isActive() {
        return ctx.channel().isActive();
    }

    boolean unflushed() {
        return unflushed;
    }

    void unflushed(boolean unflushed) {
        this.unflushed = unflushed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.outbox = outboxes.get(ctx.channel().eventLoop());
    }

    @Override
    protected void frame(ChannelHandlerContext ctx, byte[] frame, int length) {
        try {
            head.read(frame, length);
            if (head.body() == Envelope.SEND_CHAT_FIELD_NUMBER) {
                chat(head.requestId(), frame, head.bodyStart(), head.bodyEnd());
            } else {
                request(frame, length);
            }
        } catch (MalformedFrameException e) {
            malformed();
        }
    }

    /** A frame that is not an Envelope: an Error, then the connection is closed. */
    private void malformed() {
        ctx.writeAndFlush(Frames.encode(ctx.alloc(), Envelopes.error(0, ErrorCode.MALFORMED_FRAME, "not an Envelope")))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Fans the text out as a ChatMessage to the sender's room, then acks. */
    private void chat(long requestId, byte[] frame, int start, int end) {
        long scope = 0;
        int textStart = start;
        int textLength = 0;
        chat.reset(frame, start, end);
        while (chat.next()) {
            if (chat.field() == SendChat.SCOPE_FIELD_NUMBER && chat.wireType() == WireFormat.WIRETYPE_VARINT) {
                scope = chat.varint();
            } else if (chat.field() == SendChat.TEXT_FIELD_NUMBER && chat.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                textStart = chat.start();
                textLength = chat.length();
            }
        }
        BareRoom current = room;
        if (scope != ChatScope.ROOM_VALUE) {
            reply(Envelopes.error(requestId, ErrorCode.INVALID_ARGUMENT, "the bare baseline serves room chat only"));
            return;
        }
        if (current == null) {
            reply(Envelopes.error(requestId, ErrorCode.NOT_IN_ROOM, "not in a room"));
            return;
        }
        ByteBuf message = chatMessage(current, frame, textStart, textLength);
        outbox.fanOut(message, current.membersByLoop());
        message.release();
        outbox.write(this, Frames.ack(ctx.alloc(), requestId));
    }

    /** Envelope{chat_message: ChatMessage{id, scope ROOM, room_id, room_name, from, text, sent_at_ms}} as a frame. */
    private ByteBuf chatMessage(BareRoom current, byte[] frame, int textStart, int textLength) {
        long id = current.nextMessageId();
        long sentAtMs = System.currentTimeMillis();
        int messageLength = ProtoWriter.varintFieldSize(ChatMessage.ID_FIELD_NUMBER, id)
                + ProtoWriter.varintFieldSize(ChatMessage.SCOPE_FIELD_NUMBER, ChatScope.ROOM_VALUE)
                + current.chatFields().length + fromField.length
                + ProtoWriter.lengthDelimitedFieldSize(ChatMessage.TEXT_FIELD_NUMBER, textLength)
                + ProtoWriter.varintFieldSize(ChatMessage.SENT_AT_MS_FIELD_NUMBER, sentAtMs);
        int bodyLength = ProtoWriter.lengthDelimitedFieldSize(Envelope.CHAT_MESSAGE_FIELD_NUMBER, messageLength);
        ByteBuf out = ctx.alloc().directBuffer(Frames.LENGTH_FIELD_BYTES + bodyLength);
        out.writeInt(bodyLength);
        ProtoWriter.writeLengthDelimitedHeader(out, Envelope.CHAT_MESSAGE_FIELD_NUMBER, messageLength);
        ProtoWriter.writeVarintField(out, ChatMessage.ID_FIELD_NUMBER, id);
        ProtoWriter.writeVarintField(out, ChatMessage.SCOPE_FIELD_NUMBER, ChatScope.ROOM_VALUE);
        out.writeBytes(current.chatFields());
        out.writeBytes(fromField);
        ProtoWriter.writeLengthDelimitedHeader(out, ChatMessage.TEXT_FIELD_NUMBER, textLength);
        out.writeBytes(frame, textStart, textLength);
        ProtoWriter.writeVarintField(out, ChatMessage.SENT_AT_MS_FIELD_NUMBER, sentAtMs);
        return out;
    }

    /** Anything but chat: decoded by protobuf and answered at once. */
    private void request(byte[] frame, int length) {
        Envelope request;
        try {
            request = Envelope.parser().parseFrom(frame, 0, length);
        } catch (InvalidProtocolBufferException e) {
            malformed();
            return;
        }
        long requestId = request.getRequestId();
        switch (request.getBodyCase()) {
            case HELLO -> reply(Envelope.newBuilder().setRequestId(requestId).setWelcome(Welcome.newBuilder()
                    .setServerVersion("bare fan-out baseline")
                    .setSessionId(Long.toString(sessionNumber))
                    .setProtocolVersion(ProtocolVersion.CURRENT)
                    .setLimits(Limits.newBuilder().setMaxFrameBytes(Frames.DEFAULT_MAX_FRAME_BYTES))).build());
            case LOGIN_GUEST -> {
                user = request.getLoginGuest().getName();
                fromField = ProtoWriter.bytesField(ChatMessage.FROM_FIELD_NUMBER, user.getBytes(StandardCharsets.UTF_8));
                reply(Envelope.newBuilder().setRequestId(requestId)
                        .setLoginOk(LoginOk.newBuilder().setUser(user).setGuest(true)).build());
            }
            case CREATE_ROOM -> {
                int capacity = request.getCreateRoom().getCapacity();
                BareRoom created = lobby.create(request.getCreateRoom().getName(), capacity == 0 ? DEFAULT_CAPACITY : Math.max(2, capacity));
                if (created == null) {
                    reply(Envelopes.error(requestId, ErrorCode.ROOM_NAME_TAKEN, "room name taken"));
                } else {
                    enter(requestId, created);
                }
            }
            case JOIN_ROOM -> {
                BareRoom found = lobby.find(request.getJoinRoom().getRoom());
                if (found == null) {
                    reply(Envelopes.error(requestId, ErrorCode.ROOM_NOT_FOUND, "no such room"));
                } else {
                    enter(requestId, found);
                }
            }
            case LEAVE_ROOM -> {
                leave();
                reply(Envelope.newBuilder().setRequestId(requestId).setAck(Ack.getDefaultInstance()).build());
            }
            case PING -> reply(Envelope.newBuilder().setRequestId(requestId)
                    .setPong(Pong.newBuilder().setNonce(request.getPing().getNonce())).build());
            case PONG -> { }
            case GOODBYE -> ctx.close();
            default -> reply(Envelopes.error(requestId, ErrorCode.UNKNOWN_MESSAGE,
                    "the bare baseline does not serve " + request.getBodyCase()));
        }
    }

    private void enter(long requestId, BareRoom entered) {
        if (user == null) {
            reply(Envelopes.error(requestId, ErrorCode.NOT_LOGGED_IN, "log in first"));
            return;
        }
        leave();
        if (!entered.add(this)) {
            reply(Envelopes.error(requestId, ErrorCode.ROOM_FULL, "room full"));
            return;
        }
        room = entered;
        reply(Envelope.newBuilder().setRequestId(requestId).setRoomDetails(entered.details()).build());
    }

    private void leave() {
        BareRoom current = room;
        room = null;
        if (current != null) {
            lobby.leave(current, this);
        }
    }

    private void reply(Envelope reply) {
        outbox.write(this, Frames.encode(ctx.alloc(), reply));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        super.channelReadComplete(ctx);
        outbox.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        leave();
        super.channelInactive(ctx);
    }
}
