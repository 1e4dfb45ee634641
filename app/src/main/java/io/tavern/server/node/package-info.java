/**
 * The node: the node id this server leases ({@link io.tavern.server.node.NodeIdLease}), which keeps the
 * message ids it mints unique among every server sharing its database, now and in cluster mode.
 */
package io.tavern.server.node;
