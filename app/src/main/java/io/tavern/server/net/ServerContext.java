package io.tavern.server.net;

import io.netty.channel.Channel;
import io.tavern.protocol.v1.Welcome;
import io.tavern.server.logic.PacketDispatcher;
import io.tavern.server.session.OutboundBudget;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.SessionRegistry;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every connection's handlers share: limits, collaborators and counters.
 *
 * @param afterGoodbye how a session's connection ends once its Goodbye is written ({@link LingeringClose#afterGoodbye})
 */
record ServerContext(
        int maxFrameBytes,
        int maxFrameBytesBeforeLogin,
        long sendQueueLimit,
        Duration handshakeTimeout,
        Duration heartbeatInterval,
        Duration idleTimeout,
        Duration goodbyeGrace,
        Consumer<Channel> afterGoodbye,
        Welcome welcomeTemplate,
        SessionRegistry registry,
        PacketDispatcher dispatcher,
        SendStats sendStats,
        OutboundBudget outboundBudget,
        NetworkStats networkStats,
        Heartbeat.PerLoop heartbeats) {
}
