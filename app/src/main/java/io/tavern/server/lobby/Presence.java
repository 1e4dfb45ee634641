package io.tavern.server.lobby;

import io.netty.util.AttributeKey;
import io.tavern.server.session.Session;

/**
 * Where a player is: the room they are in, or none (the lobby). Written only on the player's own
 * session executor; read from anywhere (the online-user list), hence volatile.
 */
public final class Presence {

    private static final AttributeKey<Presence> KEY = AttributeKey.valueOf(Presence.class, "presence");

    private volatile Room room;
    private boolean moving; // session executor only: a join or create is on its way to a room

    public static Presence of(Session session) {
        Presence presence = session.attribute(KEY).get();
        if (presence == null) {
            presence = new Presence();
            Presence raced = session.attribute(KEY).setIfAbsent(presence);
            if (raced != null) {
                presence = raced;
            }
        }
        return presence;
    }

    public Room room() {
        return room;
    }

    /** In a room, or on the way into one. Session executor only. */
    boolean busy() {
        return room != null || moving;
    }

    void moving(boolean moving) {
        this.moving = moving;
    }

    void enteredRoom(Room room) {
        this.room = room;
        this.moving = false;
    }

    /** Clears the room if it is still {@code room} (a later join may have replaced it). */
    boolean leftRoom(Room room) {
        if (this.room != room) {
            return false;
        }
        this.room = null;
        return true;
    }
}
