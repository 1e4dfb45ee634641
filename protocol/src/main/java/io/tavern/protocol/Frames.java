package io.tavern.protocol;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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

    private Frames() {
    }

    /**
     * Encodes one envelope into a new pooled buffer holding the complete frame. The caller owns
     * the returned buffer; a server fanning one message out to many sessions encodes it once and
     * hands each session a retained duplicate.
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

    /** Appends the frame for {@code envelope} to {@code out}, whose writable space must suffice. */
    static void writeFrame(Envelope envelope, int bodyLength, ByteBuf out) {
        out.writeInt(bodyLength);
        int start = out.writerIndex();
        out.ensureWritable(bodyLength);
        try {
            CodedOutputStream body = CodedOutputStream.newInstance(out.nioBuffer(start, bodyLength));
            envelope.writeTo(body);
            body.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("protobuf reported a size it then did not write", e);
        }
        out.writerIndex(start + bodyLength);
    }
}
