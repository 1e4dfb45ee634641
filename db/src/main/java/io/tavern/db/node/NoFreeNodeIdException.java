package io.tavern.db.node;

/** Every node id is held: more nodes run (or crashed within a lease's time-to-live) than ids exist. */
public final class NoFreeNodeIdException extends RuntimeException {

    public NoFreeNodeIdException() {
        super("all " + (NodeLeases.MAX_NODE_ID + 1) + " node ids are leased");
    }
}
