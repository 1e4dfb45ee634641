package io.tavern.server.admin;

import io.tavern.server.lobby.Room;
import io.tavern.server.session.Session;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One connected session, as an operator sees it. Read from fields the session publishes for any
 * thread (volatile identity, the presence's room, the queue's byte count), never from its executor's
 * private state.
 *
 * @param user           the logged-in name, or null before login
 * @param room           the room the player is in, or null in the lobby
 * @param queuedBytes    bytes waiting in its send queue
 */
public record SessionView(
        String id,
        String user,
        boolean guest,
        String address,
        int port,
        Instant connectedAt,
        RoomRef room,
        long queuedBytes) {

    public record RoomRef(String id, String name) {
    }

    static SessionView of(Session session) {
        InetSocketAddress remote = session.remoteAddress();
        Room room = roomOf(session);
        return new SessionView(
                session.id(),
                session.user(),
                session.isGuest(),
                remote == null ? null : remote.getAddress().getHostAddress(),
                remote == null ? 0 : remote.getPort(),
                session.connectedAt(),
                room == null ? null : new RoomRef(room.id(), room.name()),
                session.sendQueue().queuedBytes());
    }

    static Room roomOf(Session session) {
        return session.player().room();
    }
}
