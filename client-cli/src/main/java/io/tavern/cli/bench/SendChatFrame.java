package io.tavern.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tavern.protocol.ProtoWriter;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.SendChat;

/**
 * One player's SendChat frame, encoded once: every send copies it into a buffer after
 * stamping the three things that change (the request_id, the measured flag with the sequence, and
 * the send time). No protobuf builder, no string, no encoding per message.
 *
 * <p>The request_id says what a reply answers without any lookup: bit {@link #CHAT_REQUEST} marks a
 * chat send (setup requests use small ids), bit {@link #MEASURED} a send made while measuring, and
 * the low 40 bits are the sender's sequence. Every chat request_id therefore lies in
 * [2<sup>41</sup>, 2<sup>42</sup>) and is a varint of exactly six bytes, so the frame's length
 * never changes.
 */
final class SendChatFrame {

    static final long CHAT_REQUEST = 1L << 41;
    static final long MEASURED = 1L << 40;
    private static final int REQUEST_ID_BYTES = 6;

    private final byte[] frame;
    private final int requestIdOffset;
    private final int textOffset;

    SendChatFrame(int room, int slot, int textBytes) {
        byte[] text = BenchText.template(room, slot, textBytes);
        int sendChatLength = ProtoWriter.varintFieldSize(SendChat.SCOPE_FIELD_NUMBER, ChatScope.ROOM_VALUE)
                + ProtoWriter.lengthDelimitedFieldSize(SendChat.TEXT_FIELD_NUMBER, text.length);
        int bodyLength = ProtoWriter.varintFieldSize(Envelope.REQUEST_ID_FIELD_NUMBER, CHAT_REQUEST)
                + ProtoWriter.lengthDelimitedFieldSize(Envelope.SEND_CHAT_FIELD_NUMBER, sendChatLength);
        ByteBuf out = Unpooled.buffer(Frames.LENGTH_FIELD_BYTES + bodyLength);
        out.writeInt(bodyLength);
        ProtoWriter.writeVarintField(out, Envelope.REQUEST_ID_FIELD_NUMBER, CHAT_REQUEST);
        requestIdOffset = out.writerIndex() - REQUEST_ID_BYTES;
        ProtoWriter.writeLengthDelimitedHeader(out, Envelope.SEND_CHAT_FIELD_NUMBER, sendChatLength);
        ProtoWriter.writeVarintField(out, SendChat.SCOPE_FIELD_NUMBER, ChatScope.ROOM_VALUE);
        ProtoWriter.writeLengthDelimitedHeader(out, SendChat.TEXT_FIELD_NUMBER, text.length);
        textOffset = out.writerIndex();
        out.writeBytes(text);
        frame = out.array();
    }

    int length() {
        return frame.length;
    }

    /** Appends the frame of message {@code sequence} to {@code out}. */
    void writeTo(ByteBuf out, long sequence, boolean measured, long sentNanos) {
        long requestId = CHAT_REQUEST | (measured ? MEASURED : 0) | (sequence & (MEASURED - 1));
        for (int i = 0; i < REQUEST_ID_BYTES - 1; i++) {
            frame[requestIdOffset + i] = (byte) (requestId & 0x7F | 0x80);
            requestId >>>= 7;
        }
        frame[requestIdOffset + REQUEST_ID_BYTES - 1] = (byte) requestId;
        BenchText.stamp(frame, textOffset, measured, sequence, sentNanos);
        out.writeBytes(frame);
    }

    static boolean isChat(long requestId) {
        return (requestId & ~(CHAT_REQUEST | MEASURED | (MEASURED - 1))) == 0 && (requestId & CHAT_REQUEST) != 0;
    }

    static boolean isMeasured(long requestId) {
        return (requestId & MEASURED) != 0;
    }
}
