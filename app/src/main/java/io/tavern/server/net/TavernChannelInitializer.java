package io.tavern.server.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import java.util.function.IntConsumer;

/** The whole game-port pipeline, in the order bytes meet it. */
final class TavernChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ServerContext server;
    private final ConnectionLimiter limiter;
    private final IntConsumer bytesIn;

    TavernChannelInitializer(ServerContext server, ConnectionLimiter limiter) {
        this.server = server;
        this.limiter = limiter;
        this.bytesIn = server.networkStats()::bytesIn;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        // Over a connection limit? Say so and close before anything else runs.
        pipeline.addLast("limiter", limiter);
        // The session handler reads the length-prefixed protobuf frames itself (an EnvelopeReader: no decoder in
        // front of it); an oversized length fails before its body is buffered. Until login the limit is small
        // (FrameLimitAtLogin lifts it): strangers cannot make us buffer much. It counts the bytes read
        // (tavern.bytes.in), then does the handshake, the connection-level messages (the heartbeat among them) and
        // the hand-off to the logic tier. No encoder: everything the server writes is a frame already (SendQueue).
        pipeline.addLast("session", new SessionHandler(server, bytesIn));
    }
}
