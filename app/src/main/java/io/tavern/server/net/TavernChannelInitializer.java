package io.tavern.server.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.tavern.protocol.FrameCodec;

/** The whole game-port pipeline, in the order bytes meet it. */
final class TavernChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ServerContext server;
    private final ConnectionLimiter limiter;
    private final InboundByteCounter byteCounter;
    private final ChannelGroup connections;
    private final HeartbeatHandler.HeartbeatPolicy heartbeat;

    TavernChannelInitializer(ServerContext server, ConnectionLimiter limiter, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
        this.limiter = limiter;
        this.byteCounter = new InboundByteCounter(server.networkStats());
        this.heartbeat = new HeartbeatHandler.HeartbeatPolicy(server.heartbeatInterval(), server.idleTimeout(),
                server.networkStats());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel); // so that shutdown can wait for every connection to close
        ChannelPipeline pipeline = channel.pipeline();
        // Over a connection limit? Say so and close before anything else runs.
        pipeline.addLast("limiter", limiter);
        pipeline.addLast("bytesIn", byteCounter);
        // Length-prefixed protobuf frames; an oversized length fails before its body is buffered. Until
        // login the limit is small (FrameLimitAtLogin lifts it): strangers cannot make us buffer much.
        FrameCodec.install(pipeline, server.maxFrameBytes(), server.maxFrameBytesBeforeLogin());
        // Silence is measured on reads only: a client that just listens must still answer pings.
        pipeline.addLast("heartbeat", new HeartbeatHandler(heartbeat));
        // Handshake, connection-level messages, and the hand-off to the logic tier.
        pipeline.addLast("session", new SessionHandler(server));
    }
}
