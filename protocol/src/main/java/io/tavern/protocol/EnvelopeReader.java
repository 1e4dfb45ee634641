package io.tavern.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.tavern.protocol.v1.Envelope;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Reads a connection's byte stream as Tavern frames: splits it by each frame's 4-byte big-endian length prefix,
 * parses each frame into the {@link Envelope} it carries and hands it to {@link #read}. Netty's
 * {@link ByteToMessageDecoder} gathers the bytes; this class adds the framing and what the protocol needs of it:
 *
 * <ul>
 *   <li>A length over the current limit fails fast with {@link TooLongFrameException}, before any of the body is
 *       buffered (a length read with its top bit set is over any limit), and every byte after it is dropped: the
 *       connection is over.</li>
 *   <li>The limit may start smaller ({@code initialLimitBytes}) and be {@linkplain #lift lifted} to the maximum
 *       later: an anonymous peer, before it logs in, cannot make the server buffer a large frame.</li>
 *   <li>Bytes that are not an Envelope fail as protobuf says ({@code InvalidProtocolBufferException}, which Netty
 *       hands on inside a {@code DecoderException}); the frame's bytes are consumed first, so the frames after it
 *       are still read.</li>
 *   <li>A frame cut short when the peer stops sending is reported as {@link TruncatedFrameException} rather than
 *       dropped without a word.</li>
 * </ul>
 *
 * <p>The frame is parsed where it was read (a view of the read buffer: no copy, no reference count taken and given
 * back). Subclasses decide what an Envelope read means: a decoder in a client's pipeline passes it on
 * ({@link FrameDecoder}); the server's session handler <em>is</em> a reader and acts on it at once, so a connection
 * has one handler, not two (a handler context and a decoder's fields, ~170 bytes a connection). The framing is
 * written here rather than taken from Netty's {@code LengthFieldBasedFrameDecoder}, whose eleven settings every
 * connection would otherwise carry for a format that has one.
 *
 * <p>A reader that acts on envelopes itself passes nothing on, and with auto-read off Netty's decoder asks for
 * another read whenever a read passed nothing on: such a reader must not rely on auto-read to pause its peer.
 */
public abstract class EnvelopeReader extends ByteToMessageDecoder {

    private final int maxFrameBytes;
    /** The current limit; written once by {@link #lift} from any thread, read on the event loop. */
    private volatile int limitBytes;
    private boolean failed; // event loop only
    /** Told the size of every read, before it is split: a server's inbound byte count, without a handler of its own. */
    private final IntConsumer bytesRead;

    /**
     * @param initialLimitBytes the limit until {@link #lift}; at most {@code maxFrameBytes}
     * @param bytesRead         told the size of every read from the socket, on the event loop
     */
    protected EnvelopeReader(int maxFrameBytes, int initialLimitBytes, IntConsumer bytesRead) {
        if (initialLimitBytes <= 0 || initialLimitBytes > maxFrameBytes) {
            throw new IllegalArgumentException("initial limit " + initialLimitBytes + " not in 1.." + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.limitBytes = initialLimitBytes;
        this.bytesRead = bytesRead;
    }

    /**
     * One envelope read, on the event loop, in the order the peer sent it. A decoder adds it to {@code out} for the
     * next handler; a handler that acts on it itself leaves {@code out} alone. What this throws ends the read as a
     * decoder failure would (Netty wraps it in a {@code DecoderException}).
     */
    protected abstract void read(ChannelHandlerContext ctx, Envelope envelope, List<Object> out) throws Exception;

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** The largest frame body accepted now. */
    public int limitBytes() {
        return limitBytes;
    }

    /** Raises the limit to the maximum. Safe from any thread; frames read after it see the new limit. */
    public void lift() {
        limitBytes = maxFrameBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            bytesRead.accept(bytes.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Frames.LENGTH_FIELD_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        int limit = limitBytes;
        if (length > limit) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException(limit < maxFrameBytes
                    ? "frame of " + length + " bytes before login; the limit until then is " + limit
                    : "frame of " + length + " bytes; the limit is " + limit);
        }
        if (in.readableBytes() < Frames.LENGTH_FIELD_BYTES + length) {
            return; // the rest of the frame has not arrived yet
        }
        int body = in.readerIndex() + Frames.LENGTH_FIELD_BYTES;
        in.skipBytes(Frames.LENGTH_FIELD_BYTES + (int) length); // consumed before the parse, which may fail
        read(ctx, Frames.parseBody(in.slice(body, (int) length)), out);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable() && !failed) {
            int leftover = in.readableBytes();
            in.skipBytes(leftover);
            throw new TruncatedFrameException("stream ended inside a frame (" + leftover + " bytes left over)");
        }
    }
}
