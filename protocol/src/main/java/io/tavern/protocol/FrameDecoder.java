package io.tavern.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames by their 4-byte length prefix. Netty's decoder does the work;
 * this subclass only adds what it leaves silent: a frame cut short when the peer stops sending is
 * reported as {@link TruncatedFrameException} instead of being discarded without a word.
 *
 * <p>A length over the maximum fails fast with Netty's {@code TooLongFrameException}, before any of
 * the oversized body is buffered. A length prefix read as a negative int (the top bit set) is
 * over any maximum, so it fails the same way.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    private final int maxFrameBytes;

    public FrameDecoder(int maxFrameBytes) {
        super(Frames.LENGTH_FIELD_BYTES + maxFrameBytes, 0, Frames.LENGTH_FIELD_BYTES, 0,
                Frames.LENGTH_FIELD_BYTES, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) {
            int leftover = in.readableBytes();
            in.skipBytes(leftover);
            throw new TruncatedFrameException("stream ended inside a frame (" + leftover + " bytes left over)");
        }
    }
}
