package io.tavern.server.lobby;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.RoomState;
import io.tavern.server.logic.RequestRejected;
import java.util.List;

/**
 * A room's game: its state ({@code OPEN}, {@code IN_GAME}, {@code CLOSED}), who is ready, and the rules
 * for starting and ending a round. Part of a {@link Room}: touched only on the room's executor.
 */
final class RoomGame {

    private final String roomName;
    private final RoomMembership members;
    private RoomState state = RoomState.OPEN;
    private int minPlayers;

    RoomGame(String roomName, RoomMembership members, int minPlayers) {
        this.roomName = roomName;
        this.members = members;
        this.minPlayers = minPlayers;
    }

    RoomState state() {
        return state;
    }

    int minPlayers() {
        return minPlayers;
    }

    void minPlayers(int minPlayers) {
        this.minPlayers = minPlayers;
    }

    boolean isClosed() {
        return state == RoomState.CLOSED;
    }

    void close() {
        state = RoomState.CLOSED;
    }

    /** Whether a newcomer may take a seat now; throws the reason it may not. */
    void requireJoinable() {
        if (state == RoomState.CLOSED) {
            throw new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "room '" + roomName + "' was closed");
        }
        if (state == RoomState.IN_GAME) {
            throw new RequestRejected(ErrorCode.ROOM_IN_GAME, "room '" + roomName + "' is playing");
        }
    }

    void requireOpen(String message) {
        if (state != RoomState.OPEN) {
            throw new RequestRejected(state == RoomState.IN_GAME ? ErrorCode.ROOM_IN_GAME : ErrorCode.INVALID_STATE, message);
        }
    }

    /** Sets the member's ready flag; true if it changed. */
    boolean ready(RoomMembership.Seat seat, boolean ready) {
        requireOpen("ready flags change only while the room is open");
        if (seat.ready == ready) {
            return false;
        }
        seat.ready = ready;
        return true;
    }

    /** Starts a round: enough players, all of them ready. */
    void start() {
        requireOpen("the game has already started");
        int players = members.size();
        if (players < minPlayers) {
            throw new RequestRejected(ErrorCode.NOT_ENOUGH_PLAYERS,
                    count(players, "player") + "; at least " + minPlayers + (minPlayers == 1 ? " is" : " are") + " needed");
        }
        List<String> notReady = members.seats().stream().filter(m -> !m.ready).map(m -> m.user).toList();
        if (!notReady.isEmpty()) {
            throw new RequestRejected(ErrorCode.NOT_ALL_READY, "not ready: " + String.join(", ", notReady));
        }
        state = RoomState.IN_GAME;
    }

    /** Ends the round; a new one needs everyone to ready up again. */
    void end() {
        if (state != RoomState.IN_GAME) {
            throw new RequestRejected(ErrorCode.INVALID_STATE, "no game is running");
        }
        state = RoomState.OPEN;
        members.seats().forEach(m -> m.ready = false);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
