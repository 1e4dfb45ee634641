package io.tavern.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts the bytes read from clients (bytes written are counted by the send queues). */
@Sharable
final class InboundByteCounter extends ChannelInboundHandlerAdapter {

    private final NetworkStats stats;

    InboundByteCounter(NetworkStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            stats.bytesIn(bytes.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }
}
