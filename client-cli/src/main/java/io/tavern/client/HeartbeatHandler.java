package io.tavern.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Ping;
import java.util.concurrent.TimeoutException;

/**
 * Acts on the {@link io.netty.handler.timeout.IdleStateHandler} in front of it: after
 * heartbeat_interval_ms without writing, pings the server so that it does not take this quiet
 * client for dead; after {@link #SILENT_INTERVALS} intervals without reading anything (not even
 * the Pong), takes the server for dead and closes, because TCP alone may not notice for minutes.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    static final int SILENT_INTERVALS = 3;

    private final long intervalMillis;
    private long nextNonce = 1;

    HeartbeatHandler(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            switch (idle.state()) {
                case WRITER_IDLE -> ctx.writeAndFlush(Envelope.newBuilder()
                        .setPing(Ping.newBuilder().setNonce(nextNonce++))
                        .build());
                case READER_IDLE -> ctx.fireExceptionCaught(new TimeoutException(
                        "the server sent nothing for " + SILENT_INTERVALS * intervalMillis + " ms"));
                default -> {
                }
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
