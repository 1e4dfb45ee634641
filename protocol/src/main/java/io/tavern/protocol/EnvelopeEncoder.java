package io.tavern.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.tavern.protocol.v1.Envelope;

/**
 * Frames an {@link Envelope} written to the pipeline. Already-framed {@code ByteBuf}s (the server's
 * encode-once fan-out) pass through untouched, since this encoder only matches envelopes.
 */
@Sharable
public final class EnvelopeEncoder extends MessageToByteEncoder<Envelope> {

    public EnvelopeEncoder() {
        super(Envelope.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Envelope msg, boolean preferDirect) {
        // Exact size: protobuf caches it, so the frame is allocated once and never grown.
        return ctx.alloc().ioBuffer(Frames.LENGTH_FIELD_BYTES + msg.getSerializedSize());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Envelope msg, ByteBuf out) {
        Frames.writeFrame(msg, msg.getSerializedSize(), out);
    }
}
