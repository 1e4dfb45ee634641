package io.tavern.db.node;

/** A renewal came too late: the lease had expired and another holder took the node id. */
public final class NodeLeaseLostException extends RuntimeException {

    public NodeLeaseLostException(NodeLease lease) {
        super("node id " + lease.nodeId() + " is no longer held by " + lease.holder());
    }
}
