package io.tavern.protocol;

import io.netty.channel.ChannelPipeline;
import java.util.function.IntConsumer;

/**
 * Installs the frame codec at the head of a pipeline: the {@link FrameDecoder}, which turns bytes into
 * envelopes, and, for a peer that writes {@code Envelope}s (a client), the {@link EnvelopeEncoder}. The server
 * writes only frames it encoded itself (its send queues hold them), so it installs the decoder alone.
 */
public final class FrameCodec {

    public static final String FRAME_DECODER = "frameDecoder";
    public static final String ENVELOPE_ENCODER = "envelopeEncoder";

    private static final EnvelopeEncoder ENCODER = new EnvelopeEncoder();

    private FrameCodec() {
    }

    public static ChannelPipeline install(ChannelPipeline pipeline, int maxFrameBytes) {
        return install(pipeline, maxFrameBytes, maxFrameBytes);
    }

    /**
     * Like {@link #install(ChannelPipeline, int)}, with frames limited to {@code initialLimitBytes} until the
     * frame decoder is {@linkplain FrameDecoder#lift lifted} (a server does so at login).
     */
    public static ChannelPipeline install(ChannelPipeline pipeline, int maxFrameBytes, int initialLimitBytes) {
        return install(pipeline, maxFrameBytes, initialLimitBytes, bytes -> { });
    }

    /** Like {@link #install(ChannelPipeline, int, int)}, telling {@code bytesRead} the size of every read. */
    public static ChannelPipeline install(ChannelPipeline pipeline, int maxFrameBytes, int initialLimitBytes,
                                          IntConsumer bytesRead) {
        return installDecoder(pipeline, maxFrameBytes, initialLimitBytes, bytesRead).addLast(ENVELOPE_ENCODER, ENCODER);
    }

    /**
     * The decoding half alone, for a peer that writes nothing but encoded frames (the server): what is read
     * reaches the next handler as {@code Envelope}s; what is written must already be a frame.
     */
    public static ChannelPipeline installDecoder(ChannelPipeline pipeline, int maxFrameBytes, int initialLimitBytes,
                                                 IntConsumer bytesRead) {
        return pipeline.addLast(FRAME_DECODER, new FrameDecoder(maxFrameBytes, initialLimitBytes, bytesRead));
    }
}
