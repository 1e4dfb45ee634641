package io.tavern.server.lobby;

/**
 * The capacity rules every room is created under, from {@code tavern.rooms.*} (validated there:
 * {@code 2 <= defaultCapacity <= maxCapacity}, {@code 1 <= defaultMinPlayers}).
 *
 * @param maxCapacity       the most players a room may hold
 * @param defaultCapacity   the capacity of a room whose creator asked for none
 * @param defaultMinPlayers players needed to start when the creator asked for no minimum; a smaller room
 *                          needs all its players
 */
public record RoomLimits(int maxCapacity, int defaultCapacity, int defaultMinPlayers) {
}
