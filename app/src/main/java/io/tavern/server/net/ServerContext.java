package io.tavern.server.net;

import io.tavern.protocol.v1.Welcome;
import io.tavern.server.logic.PacketDispatcher;
import io.tavern.server.session.OutboundBudget;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.SessionRegistry;
import java.time.Duration;

/** What every connection's handlers share: limits, collaborators and counters. */
record ServerContext(
        int maxFrameBytes,
        int maxFrameBytesBeforeLogin,
        long sendQueueLimit,
        Duration handshakeTimeout,
        Duration heartbeatInterval,
        Duration idleTimeout,
        Duration goodbyeGrace,
        Welcome welcomeTemplate,
        SessionRegistry registry,
        PacketDispatcher dispatcher,
        SendStats sendStats,
        OutboundBudget outboundBudget,
        NetworkStats networkStats,
        Heartbeat.PerLoop heartbeats) {
}
