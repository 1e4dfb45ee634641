package io.tavern.server.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.net.NetworkStats;
import java.util.List;

/**
 * The game port's connections and inbound traffic, read from {@link NetworkStats} when scraped: the
 * network tier keeps plain adders and knows nothing of Micrometer.
 */
final class ConnectionMetrics implements MeterBinder {

    /** The only reasons a connection is refused at accept (see ConnectionLimiter). */
    static final List<ErrorCode> REJECTION_REASONS = List.of(ErrorCode.SERVER_FULL, ErrorCode.TOO_MANY_CONNECTIONS);

    private final NetworkStats stats;

    ConnectionMetrics(NetworkStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tavern.connections.current", stats, NetworkStats::currentConnections)
                .description("open connections on the game port")
                .register(registry);
        FunctionCounter.builder("tavern.connections.accepted", stats, NetworkStats::acceptedConnections)
                .description("connections accepted on the game port (within the limits)")
                .register(registry);
        for (ErrorCode reason : REJECTION_REASONS) {
            FunctionCounter.builder("tavern.connections.rejected", stats, s -> s.rejectedConnections(reason))
                    .description("connections refused at accept, by the limit they hit")
                    .tag("reason", reason.name())
                    .register(registry);
        }
        FunctionCounter.builder("tavern.connections.idle.timeouts", stats, NetworkStats::idleTimeouts)
                .description("sessions closed for staying silent past the idle time-out")
                .register(registry);
        FunctionCounter.builder("tavern.frames.in", stats, NetworkStats::framesIn)
                .description("frames decoded from clients")
                .register(registry);
        FunctionCounter.builder("tavern.bytes.in", stats, NetworkStats::bytesIn)
                .description("bytes read from clients")
                .register(registry);
    }
}
