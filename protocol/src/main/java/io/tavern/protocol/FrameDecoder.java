package io.tavern.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.tavern.protocol.v1.Envelope;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The {@link EnvelopeReader} of a pipeline (a client's): each {@link Envelope} read goes on to the next handler.
 * Framing, limits and failures are the reader's.
 */
public final class FrameDecoder extends EnvelopeReader {

    private static final IntConsumer NOT_COUNTED = bytes -> { };

    public FrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, maxFrameBytes);
    }

    /** @param initialLimitBytes the limit until {@link #lift}; at most {@code maxFrameBytes} */
    public FrameDecoder(int maxFrameBytes, int initialLimitBytes) {
        this(maxFrameBytes, initialLimitBytes, NOT_COUNTED);
    }

    /**
     * @param initialLimitBytes the limit until {@link #lift}; at most {@code maxFrameBytes}
     * @param bytesRead         told the size of every read from the socket, on the event loop
     */
    public FrameDecoder(int maxFrameBytes, int initialLimitBytes, IntConsumer bytesRead) {
        super(maxFrameBytes, initialLimitBytes, bytesRead);
    }

    @Override
    protected void read(ChannelHandlerContext ctx, Envelope envelope, List<Object> out) {
        out.add(envelope);
    }
}
