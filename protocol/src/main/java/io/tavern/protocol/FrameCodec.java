package io.tavern.protocol;

import io.netty.channel.ChannelPipeline;
import java.util.function.IntConsumer;

/**
 * Installs the frame codec of a peer that reads and writes {@code Envelope}s (a client) in a pipeline: the
 * {@link FrameDecoder}, which turns bytes into envelopes, and the {@link EnvelopeEncoder}. The server installs
 * neither: its session handler is an {@link EnvelopeReader} itself, and it writes only frames it encoded already
 * (its send queues hold them).
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
        return pipeline.addLast(FRAME_DECODER, new FrameDecoder(maxFrameBytes, initialLimitBytes, bytesRead))
                .addLast(ENVELOPE_ENCODER, ENCODER);
    }
}
