package io.tavern.protocol;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.tavern.protocol.v1.Envelope;
import java.util.function.IntConsumer;

/** Installs the frame codec, the same on server and client, at the head of a pipeline. */
public final class FrameCodec {

    public static final String FRAME_DECODER = "frameDecoder";
    public static final String ENVELOPE_DECODER = "envelopeDecoder";
    public static final String ENVELOPE_ENCODER = "envelopeEncoder";

    private static final EnvelopeEncoder ENCODER = new EnvelopeEncoder();
    private static final ProtobufDecoder DECODER = new ProtobufDecoder(Envelope.getDefaultInstance());

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
        return pipeline
                .addLast(FRAME_DECODER, new FrameDecoder(maxFrameBytes, initialLimitBytes, bytesRead))
                .addLast(ENVELOPE_DECODER, DECODER)
                .addLast(ENVELOPE_ENCODER, ENCODER);
    }
}
