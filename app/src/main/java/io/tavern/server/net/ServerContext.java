package io.tavern.server.net;

import io.tavern.protocol.v1.Welcome;
import io.tavern.server.logic.PacketDispatcher;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.time.Duration;

/**
 * What every connection's handlers share: limits, collaborators and counters.
 *
 * @param sessions what every session shares: its send queue's limit, budget and counters, the Goodbye's grace
 *                 and how the connection ends after it ({@link LingeringClose#afterGoodbye})
 */
record ServerContext(
        int maxFrameBytes,
        int maxFrameBytesBeforeLogin,
        Duration handshakeTimeout,
        Duration heartbeatInterval,
        Duration idleTimeout,
        Session.Settings sessions,
        Welcome welcomeTemplate,
        SessionRegistry registry,
        PacketDispatcher dispatcher,
        NetworkStats networkStats,
        Heartbeat.PerLoop heartbeats) {
}
