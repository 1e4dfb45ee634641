package io.tavern.server.admin;

import java.util.Map;

/**
 * {@code GET /admin/api/stats}: the server at a glance.
 *
 * @param uptimeSeconds           since the process started
 * @param transport               the game port's I/O transport: io_uring, epoll or nio
 * @param gamePort                the game port, or 0 while it is not bound
 * @param accepting               whether the game port accepts connections
 * @param connections             open, accepted and refused connections of the game port
 * @param sessions                sessions past the handshake
 * @param sessionsLoggedIn        of those, the logged-in ones
 * @param roomsByState            open rooms by state
 * @param messagesPerSecond       chat messages accepted per second, averaged over the last minute
 * @param archiveBacklog          chat messages accepted and not yet written to the archive
 * @param databaseQueue           tasks waiting for a database thread, and how many may wait
 */
public record ServerStats(
        long uptimeSeconds,
        String transport,
        int gamePort,
        boolean accepting,
        Connections connections,
        int sessions,
        int sessionsLoggedIn,
        Map<String, Integer> roomsByState,
        double messagesPerSecond,
        int archiveBacklog,
        Queue databaseQueue) {

    /** @param rejectedByReason refusals at accept, by the protocol error the client was sent */
    public record Connections(int current, long accepted, long rejected, Map<String, Long> rejectedByReason) {
    }

    public record Queue(int depth, int capacity) {
    }
}
