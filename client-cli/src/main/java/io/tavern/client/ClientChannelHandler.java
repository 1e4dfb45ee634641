package io.tavern.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Pong;

/**
 * The last stage of a client's pipeline: starts the handshake when the connection is up, answers
 * the server's Ping, and routes every other frame: a non-zero request_id to the waiting request,
 * request_id 0 to the listeners. Runs on the channel's event loop only.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    private final TavernClient client;
    private final boolean answerPings;

    ClientChannelHandler(TavernClient client, boolean answerPings) {
        this.client = client;
        this.answerPings = answerPings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        client.sendHello();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Envelope envelope = (Envelope) msg;
        if (envelope.getRequestId() != 0) {
            client.onReply(envelope);
        } else if (envelope.hasPing()) {
            if (answerPings) {
                ctx.writeAndFlush(Envelope.newBuilder()
                        .setPong(Pong.newBuilder().setNonce(envelope.getPing().getNonce()))
                        .build());
            }
        } else {
            client.onEvent(envelope);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Undecodable input, an oversized frame, a reset or a silent server: none can be resumed.
        client.onFailure(cause);
        ctx.close();
    }
}
