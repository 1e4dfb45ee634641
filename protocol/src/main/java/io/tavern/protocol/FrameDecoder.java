package io.tavern.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.tavern.protocol.v1.Envelope;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Splits the byte stream into frames by their 4-byte length prefix and parses each into the {@link Envelope}
 * it carries, which is what it passes on. Netty's decoder does the splitting; this subclass adds what it
 * leaves silent: a frame cut short when the peer stops sending is reported as {@link TruncatedFrameException}
 * instead of being discarded without a word.
 *
 * <p>The parse happens here, on a view of the bytes where they were read, rather than in a protobuf decoder
 * of its own behind this one: no copy of the frame, no reference count taken and given back, and one handler
 * (64 bytes) less in every connection's pipeline. Bytes that are not an Envelope fail as protobuf says
 * ({@code InvalidProtocolBufferException}, which Netty hands on inside a {@code DecoderException}); the frames
 * after it are still split and parsed.
 *
 * <p>A length over the maximum fails fast with Netty's {@code TooLongFrameException}, before any of
 * the oversized body is buffered. A length prefix read as a negative int (the top bit set) is
 * over any maximum, so it fails the same way.
 *
 * <p>A server may start a connection with a smaller limit ({@link #FrameDecoder(int, int)}) and
 * {@link #lift} it to the maximum later: an anonymous peer, before it logs in, cannot make the server
 * buffer a large frame. A frame over the current limit fails like one over the maximum, and every
 * byte after it is dropped: the connection is over.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    private final int maxFrameBytes;
    /** The current limit; written once by {@link #lift} from any thread, read on the event loop. */
    private volatile int limitBytes;
    private boolean failed; // event loop only
    /** Told the size of every read, before it is split: a server's inbound byte count, without a handler of its own. */
    private final IntConsumer bytesRead;

    public FrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, maxFrameBytes);
    }

    /** @param initialLimitBytes the limit until {@link #lift}; at most {@code maxFrameBytes} */
    public FrameDecoder(int maxFrameBytes, int initialLimitBytes) {
        this(maxFrameBytes, initialLimitBytes, NOT_COUNTED);
    }

    private static final IntConsumer NOT_COUNTED = bytes -> { };

    /**
     * @param initialLimitBytes the limit until {@link #lift}; at most {@code maxFrameBytes}
     * @param bytesRead         told the size of every read from the socket, on the event loop
     */
    public FrameDecoder(int maxFrameBytes, int initialLimitBytes, IntConsumer bytesRead) {
        super(Frames.LENGTH_FIELD_BYTES + maxFrameBytes, 0, Frames.LENGTH_FIELD_BYTES, 0,
                Frames.LENGTH_FIELD_BYTES, true);
        if (initialLimitBytes <= 0 || initialLimitBytes > maxFrameBytes) {
            throw new IllegalArgumentException("initial limit " + initialLimitBytes + " not in 1.." + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.limitBytes = initialLimitBytes;
        this.bytesRead = bytesRead;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            bytesRead.accept(bytes.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

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
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        int limit = limitBytes;
        if (limit < maxFrameBytes && in.readableBytes() >= Frames.LENGTH_FIELD_BYTES) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length > limit) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("frame of " + length + " bytes before login; the limit until then is "
                        + limit);
            }
        }
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        return frame == null ? null : Frames.parseBody(frame);
    }

    /** The frame's body as a view of the read buffer, without a reference of its own: it is parsed at once. */
    @Override
    protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf buffer, int index, int length) {
        return buffer.slice(index, length);
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
