package io.tavern.server.node;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tavern.node.*}: this server's node id lease, which keeps message ids unique across the servers
 * sharing one database (see {@link NodeIdLease}).
 *
 * @param leaseTtl           how long a lease lasts without renewal; also how long chat goes on through a
 *                           database outage before it is refused with SERVER_BUSY; default 30 s
 * @param leaseRenewInterval how often the lease is renewed; less than half the ttl, so that one failed
 *                           renewal costs nothing; default 10 s
 * @param leaseRetryInterval how soon a failed renewal is tried again; default 1 s
 */
@ConfigurationProperties("tavern.node")
public record NodeProperties(
        @DefaultValue("30s") Duration leaseTtl,
        @DefaultValue("10s") Duration leaseRenewInterval,
        @DefaultValue("1s") Duration leaseRetryInterval) {

    public NodeProperties {
        requirePositive(leaseTtl, "tavern.node.lease-ttl");
        requirePositive(leaseRenewInterval, "tavern.node.lease-renew-interval");
        requirePositive(leaseRetryInterval, "tavern.node.lease-retry-interval");
        if (leaseRenewInterval.multipliedBy(2).compareTo(leaseTtl) >= 0) {
            throw new IllegalArgumentException("tavern.node.lease-renew-interval (" + leaseRenewInterval
                    + ") must be less than half of tavern.node.lease-ttl (" + leaseTtl + ")");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
