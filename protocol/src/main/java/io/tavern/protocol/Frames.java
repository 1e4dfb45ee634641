package io.tavern.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.tavern.protocol.v1.Ack;
import io.tavern.protocol.v1.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The frame format: a 4-byte big-endian length, then that many bytes of one serialized
 * {@link Envelope}. A fixed-width prefix (rather than a varint) lets any language read the length
 * with one call and lets the server reject an oversized frame before buffering any of it.
 */
public final class Frames {

    public static final int LENGTH_FIELD_BYTES = 4;
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

    /**
     * What a client should accept from the server. The server's limit applies to what it receives;
     * its own replies (a full history page, a long room list) can be larger, and 16 MiB is the most
     * any server setting allows.
     */
    public static final int CLIENT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /** The {@code ack: {}} field as protobuf writes it, after the request id (fields go in number order). */
    private static final byte[] ACK_FIELD = Envelope.newBuilder().setAck(Ack.getDefaultInstance()).build().toByteArray();

    private Frames() {
    }

    /**
     * Encodes one envelope into a new pooled buffer holding the complete frame. The caller owns
     * the returned buffer; a server fanning one message out to many sessions encodes it once and
     * hands each session a reference.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, Envelope envelope) {
        int bodyLength = envelope.getSerializedSize();
        ByteBuf frame = alloc.directBuffer(LENGTH_FIELD_BYTES + bodyLength);
        try {
            writeFrame(envelope, bodyLength, frame);
            return frame;
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /**
     * The frame of {@code Envelope{request_id, ack: {}}}, the reply to most requests, written by hand: no
     * builder, message or encoder per reply. Byte for byte what {@link #encode} makes of
     * {@link Envelopes#ack(long)}.
     */
    public static ByteBuf ack(ByteBufAllocator alloc, long requestId) {
        int bodyLength = (requestId == 0 ? 0 : ProtoWriter.varintFieldSize(Envelope.REQUEST_ID_FIELD_NUMBER, requestId))
                + ACK_FIELD.length;
        ByteBuf frame = alloc.directBuffer(LENGTH_FIELD_BYTES + bodyLength);
        frame.writeInt(bodyLength);
        if (requestId != 0) { // proto3 leaves a zero out
            ProtoWriter.writeVarintField(frame, Envelope.REQUEST_ID_FIELD_NUMBER, requestId);
        }
        frame.writeBytes(ACK_FIELD);
        return frame;
    }

    /** Appends the frame for {@code envelope} to {@code out}, whose writable space must suffice. */
    /**
     * The Envelope that a frame's body (the bytes after the length) holds, parsed where the bytes lie: a direct
     * buffer is read in place, not copied into an array first. Leaves the buffer's indices and count alone.
     */
    static Envelope parseBody(ByteBuf body) throws InvalidProtocolBufferException {
        if (body.nioBufferCount() == 1) {
            return Envelope.parseFrom(body.nioBuffer());
        }
        return Envelope.parseFrom(ByteBufUtil.getBytes(body));
    }

    static void writeFrame(Envelope envelope, int bodyLength, ByteBuf out) {
        out.writeInt(bodyLength);
        int start = out.writerIndex();
        out.ensureWritable(bodyLength);
        try {
            // A buffer of one piece lends its own cached NIO view: no ByteBuffer object per frame.
            CodedOutputStream body = CodedOutputStream.newInstance(out.nioBufferCount() == 1
                    ? out.internalNioBuffer(start, bodyLength) : out.nioBuffer(start, bodyLength));
            envelope.writeTo(body);
            body.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("protobuf reported a size it then did not write", e);
        }
        out.writerIndex(start + bodyLength);
    }
}
