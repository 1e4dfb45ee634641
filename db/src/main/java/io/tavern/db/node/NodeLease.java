package io.tavern.db.node;

import java.time.Duration;
import java.util.Objects;

/**
 * A node id held for a while, and the range of id times it may mint with.
 *
 * <p>Invariant (what makes ids unique across nodes and restarts): every id minted with {@code nodeId} under
 * this lease has a time part from {@link #floorMs()} to {@link #ceilingMs()}; the floor lies above everything
 * earlier holders of the node id recorded, and the ceiling is recorded before it is used. Times are
 * milliseconds since the message id epoch.
 *
 * @param nodeId    0 to {@value NodeLeases#MAX_NODE_ID}
 * @param holder    who holds it: unique per process
 * @param floorMs   the lowest id time this lease may use
 * @param ceilingMs the highest id time this lease may use, until a renewal raises it
 * @param ttl       how long the lease lasts after each renewal began
 */
public record NodeLease(int nodeId, String holder, long floorMs, long ceilingMs, Duration ttl) {

    public NodeLease {
        if (nodeId < 0 || nodeId > NodeLeases.MAX_NODE_ID) {
            throw new IllegalArgumentException("node id out of range: " + nodeId);
        }
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(ttl, "ttl");
        if (ceilingMs < floorMs) {
            throw new IllegalArgumentException("ceiling " + ceilingMs + " below floor " + floorMs);
        }
    }

    NodeLease withCeiling(long ceiling) {
        return new NodeLease(nodeId, holder, floorMs, ceiling, ttl);
    }
}
