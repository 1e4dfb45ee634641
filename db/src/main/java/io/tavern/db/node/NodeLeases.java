package io.tavern.db.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where a node leases its node id: the database ({@link DatabaseNodeLeases}), and in cluster mode Redis.
 * The node acquires one at start, renews it well before it expires, and releases it when it stops; the
 * caller schedules all of that, an implementation only keeps the record straight.
 *
 * <p>What every implementation guarantees: at any moment at most one holder has a live lease on a node id,
 * and a lease's floor lies above every ceiling recorded for its node id before.
 */
public interface NodeLeases {

    /** Node ids fit in 10 bits of a message id. */
    int MAX_NODE_ID = 1023;

    /**
     * Takes a node id that nobody holds (one whose lease expired or was released).
     *
     * @param nowMs the caller's clock, in milliseconds since the id epoch: the lease's range starts at it,
     *              or above the node id's recorded ceiling if that is later
     * @return the lease; fails with {@link NoFreeNodeIdException} when all are held
     */
    CompletableFuture<NodeLease> acquire(String holder, long nowMs, Duration ttl);

    /**
     * Extends the lease by its ttl and raises its ceiling to {@code max(issuedUpToMs, nowMs) + ttl}.
     *
     * @return the lease with its new ceiling; fails with {@link NodeLeaseLostException} when another holder
     *     has taken the node id (after it expired)
     */
    CompletableFuture<NodeLease> renew(NodeLease lease, long issuedUpToMs, long nowMs);

    /**
     * Frees the node id at once and records {@code issuedUpToMs}, the time of the last id minted, as its
     * ceiling (no lower than the floor's predecessor), so that the next holder starts right above it.
     * Releasing a lease already lost changes nothing.
     */
    CompletableFuture<Void> release(NodeLease lease, long issuedUpToMs);
}
