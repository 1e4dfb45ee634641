package io.tavern.server.session;

import io.tavern.server.lobby.Room;
import io.tavern.server.logic.SerialExecutor;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a player is and what it is doing, as the logic tier sees it: the session's one typed state,
 * written only on the session's own serial executor. Every transition is a method of this class:
 *
 * <pre>
 *  CONNECTED ──beginLogin──▶ LOGGING_IN ──loggedIn──▶ LOBBY ──joining(r)──▶ JOINING(r)
 *      ▲                         │                    ▲  ▲                    │    │
 *      └───────loginEnded────────┘                    │  └─────refused(r)─────┘    │ admitted(r)
 *                                                     │                            ▼
 *                                                     └──removed(r)── LEAVING(r) ◀─leaving(r)── IN_ROOM(r)
 *                                                     (also from IN_ROOM(r): a kick, the room closed)
 *
 *  any ──close──▶ CLOSED(r): r is the room it was joining, in or leaving, which must let it go
 * </pre>
 *
 * <p>A room decides on its own executor and its verdict reaches the player later, as a task on the
 * session's executor. By then the player may have moved on, so every transition names the room it is
 * about and is ignored (returns false) when the player is no longer where that verdict assumed. The
 * hazard is the close: a close that overtakes a join must still empty the seat the room grants. It
 * does, because {@link #close} keeps the room of {@code JOINING}, and the session's executor asks the
 * room to let the player go after the admit it already sent: one room executor runs both, in that order.
 *
 * <p>Read from any thread ({@link #place()}, {@link #room()}): the online list, the admin API.
 */
public final class PlayerState {

    /** The phases of a player's session. */
    public enum Phase {
        /** Handshaken, not logged in. */
        CONNECTED,
        /** A login is being checked (it may wait for the database); a second one is refused. */
        LOGGING_IN,
        /** Logged in, in no room: hears lobby chat. */
        LOBBY,
        /** Asked to join (or create) a room, which has not answered yet. */
        JOINING,
        /** A member of a room. */
        IN_ROOM,
        /** Asked to leave its room, which has not answered yet. */
        LEAVING,
        /** The connection ended; final. */
        CLOSED
    }

    /** A phase, and the room it is about (null for the phases outside rooms, and for CLOSED from them). */
    public record Place(Phase phase, Room room) {
    }

    private static final Set<Phase> ROOM_PHASES = EnumSet.of(Phase.JOINING, Phase.IN_ROOM, Phase.LEAVING);
    private static final Place CONNECTED = new Place(Phase.CONNECTED, null);
    private static final Place LOGGING_IN = new Place(Phase.LOGGING_IN, null);
    private static final Place LOBBY = new Place(Phase.LOBBY, null);

    /** Whose state this is: its serial executor is the only one that may change it. */
    private final Session owner;
    private volatile Place place = CONNECTED;

    PlayerState(Session owner) {
        this.owner = owner;
    }

    /** Where the player is now. */
    public Place place() {
        return place;
    }

    public Phase phase() {
        return place.phase();
    }

    /** The room the player is a member of ({@code IN_ROOM} or {@code LEAVING}); null otherwise. */
    public Room room() {
        Place now = place;
        return now.phase() == Phase.IN_ROOM || now.phase() == Phase.LEAVING ? now.room() : null;
    }

    /** In a room, or on the way in or out: not free to join another, nor to chat in the lobby. */
    public boolean inOrNearRoom() {
        return ROOM_PHASES.contains(place.phase());
    }

    // ---- transitions (session executor only)

    /** {@code CONNECTED → LOGGING_IN}; false when logged in, logging in or closed. */
    public boolean beginLogin() {
        return move(Phase.CONNECTED, null, LOGGING_IN);
    }

    /** {@code LOGGING_IN → CONNECTED}: the login was refused, or failed. */
    public boolean loginEnded() {
        return move(Phase.LOGGING_IN, null, CONNECTED);
    }

    /** {@code LOGGING_IN → LOBBY}. */
    public boolean loggedIn() {
        return move(Phase.LOGGING_IN, null, LOBBY);
    }

    /** {@code LOBBY → JOINING(room)}: a join or create request is on its way to {@code room}. */
    public boolean joining(Room room) {
        return move(Phase.LOBBY, null, new Place(Phase.JOINING, room));
    }

    /** {@code JOINING(room) → IN_ROOM(room)}: the room let the player in. */
    public boolean admitted(Room room) {
        return move(Phase.JOINING, room, new Place(Phase.IN_ROOM, room));
    }

    /** {@code JOINING(room) → LOBBY}: the room refused, or could not answer. */
    public boolean refused(Room room) {
        return move(Phase.JOINING, room, LOBBY);
    }

    /** {@code IN_ROOM(room) → LEAVING(room)}: a leave request is on its way. */
    public boolean leaving(Room room) {
        return move(Phase.IN_ROOM, room, new Place(Phase.LEAVING, room));
    }

    /** {@code IN_ROOM(room) | LEAVING(room) → LOBBY}: the room let the player go (a leave, a kick, its end). */
    public boolean removed(Room room) {
        owner().checkInExecutor();
        Place now = place;
        if ((now.phase() == Phase.IN_ROOM || now.phase() == Phase.LEAVING) && now.room() == room) {
            place = LOBBY;
            return true;
        }
        return false;
    }

    /**
     * {@code any → CLOSED(room)}, where {@code room} is the room the player was joining, in or leaving
     * (null if none): the one that must let it go. Closing again changes nothing.
     */
    public void close() {
        owner().checkInExecutor();
        Place now = place;
        if (now.phase() != Phase.CLOSED) {
            place = new Place(Phase.CLOSED, ROOM_PHASES.contains(now.phase()) ? now.room() : null);
        }
    }

    private boolean move(Phase from, Room of, Place to) {
        owner().checkInExecutor();
        Place now = place;
        if (now.phase() != from || now.room() != of) {
            return false;
        }
        place = to;
        return true;
    }

    private SerialExecutor owner() {
        return owner.executor();
    }

    @Override
    public String toString() {
        Place now = place;
        return now.room() == null ? now.phase().name() : now.phase() + "(" + now.room().name() + ")";
    }
}
