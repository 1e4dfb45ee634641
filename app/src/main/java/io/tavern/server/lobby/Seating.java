package io.tavern.server.lobby;

import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.session.Session;

/**
 * Carries a room's verdict about a player back to the player: a task on the player's own executor
 * applies it to its {@link io.tavern.server.session.PlayerState}, and moves it in or out of the lobby
 * with it. Rooms decide on their executor; only this class touches a player's state for them.
 */
final class Seating {

    private final Lobby lobby;

    Seating(Lobby lobby) {
        this.lobby = lobby;
    }

    /** The room let {@code player} in; the room has taken it out of the lobby already. */
    void admitted(Session player, Room room) {
        SerialExecutor playerExecutor = player.executor();
        playerExecutor.execute(() -> {
            player.player().admitted(room);
            playerExecutor.followTo(room.executor());
        });
    }

    /** The room refused {@code player}, or failed to answer: back in the lobby, where it still is. */
    void refused(Session player, Room room) {
        player.executor().execute(() -> player.player().refused(room));
    }

    /** The room let {@code player} go (it left, was kicked, or the room closed): back to the lobby. */
    void removed(Session player, Room room) {
        if (!player.isOpen()) {
            return; // the close empties its place in every actor itself
        }
        player.executor().execute(() -> {
            if (player.player().removed(room)) {
                lobby.enter(player);
            }
        });
    }
}
