/**
 * Node ids: each running server leases one ({@link io.tavern.db.node.NodeLeases}), which keeps message ids
 * unique across nodes and restarts. {@link io.tavern.db.node.DatabaseNodeLeases} keeps the leases in the
 * {@code node_lease} table.
 */
package io.tavern.db.node;
