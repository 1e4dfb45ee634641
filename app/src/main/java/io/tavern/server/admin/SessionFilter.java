package io.tavern.server.admin;

import io.tavern.server.lobby.Room;
import io.tavern.server.session.Session;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * {@code ?user=&room=&ip=} of the session list; an absent parameter matches everything.
 *
 * @param user part of the name, any case
 * @param room the room's id, or its whole name in any case
 * @param ip   the remote address, exactly as listed
 */
record SessionFilter(String user, String room, String ip) {

    boolean matches(Session session) {
        return matchesUser(session) && matchesRoom(session) && matchesIp(session);
    }

    private boolean matchesUser(Session session) {
        if (blank(user)) {
            return true;
        }
        String name = session.user();
        return name != null && name.toLowerCase(Locale.ROOT).contains(user.strip().toLowerCase(Locale.ROOT));
    }

    private boolean matchesRoom(Session session) {
        if (blank(room)) {
            return true;
        }
        Room current = SessionView.roomOf(session);
        return current != null && (current.id().equals(room.strip()) || current.name().equalsIgnoreCase(room.strip()));
    }

    private boolean matchesIp(Session session) {
        if (blank(ip)) {
            return true;
        }
        InetSocketAddress remote = session.remoteAddress();
        return remote != null && remote.getAddress().getHostAddress().equals(ip.strip());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
