package io.tavern.server.observability;

import io.tavern.server.net.TavernServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the game port: UP while it accepts connections, DOWN before it is bound and from the
 * moment a graceful shutdown stops accepting, so that load balancers stop sending players here while
 * the sessions drain.
 */
final class GamePortHealthIndicator implements HealthIndicator {

    private final TavernServer server;

    GamePortHealthIndicator(TavernServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        if (!server.isAccepting()) {
            return Health.down()
                    .withDetail("transport", server.transportName())
                    .withDetail("reason", "the game port is not accepting connections")
                    .build();
        }
        return Health.up()
                .withDetail("transport", server.transportName())
                .withDetail("port", server.port())
                .build();
    }
}
