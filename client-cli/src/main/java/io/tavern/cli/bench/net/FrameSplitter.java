package io.tavern.cli.bench.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.tavern.protocol.Frames;
import java.util.List;

/**
 * Splits the inbound byte stream into Tavern frames (a 4-byte big-endian length, then the body)
 * and hands each body to {@link #frame} in one reused array: no slice, no buffer, no object per
 * frame. Netty's {@link ByteToMessageDecoder} keeps the bytes of a frame cut by a read boundary
 * until the rest arrives.
 *
 * <p>Why an array: a frame's fields are then read with plain array loads, where reading them from
 * the {@link ByteBuf} checks the index and the reference count at every byte; one bulk copy of a
 * small frame costs less than those checks.
 *
 * <p>Invariant: {@link #frame} reads the body before it returns; the array is overwritten by the
 * next frame.
 * A length over the maximum fails with {@link TooLongFrameException} before any of the body is
 * buffered, like the shared {@code FrameDecoder}; {@link #exceptionCaught} closes the connection.
 */
public abstract class FrameSplitter extends ByteToMessageDecoder {

    private static final int INITIAL_FRAME_BYTES = 1024;

    private final int maxFrameBytes;
    private byte[] body = new byte[INITIAL_FRAME_BYTES];

    protected FrameSplitter(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * One frame's body: the first {@code length} bytes of {@code body}. May write, flush or close;
     * must not keep the array.
     */
    protected abstract void frame(ChannelHandlerContext ctx, byte[] body, int length);

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= Frames.LENGTH_FIELD_BYTES) {
            int index = in.readerIndex();
            long length = in.getUnsignedInt(index);
            if (length > maxFrameBytes) {
                throw new TooLongFrameException("frame of " + length + " bytes, more than " + maxFrameBytes);
            }
            int frameEnd = index + Frames.LENGTH_FIELD_BYTES + (int) length;
            if (in.writerIndex() < frameEnd) {
                return;
            }
            if (length > body.length) {
                body = new byte[(int) Math.min(maxFrameBytes, Math.max(length, 2L * body.length))];
            }
            in.getBytes(index + Frames.LENGTH_FIELD_BYTES, body, 0, (int) length);
            // Consumed before it is handled: a handler that closes the channel leaves a consistent buffer.
            in.readerIndex(frameEnd);
            frame(ctx, body, (int) length);
            if (ctx.isRemoved()) {
                return;
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
