package io.tavern.server.admin;

import io.tavern.protocol.v1.RoomSummary;
import java.util.Map;

/** A room as listed: its published summary, readable from any thread. */
public record RoomView(
        String id,
        String name,
        String owner,
        int members,
        int capacity,
        String state,
        boolean isPrivate,
        boolean hasPassword,
        int minPlayers,
        Map<String, String> metadata) {

    static RoomView of(RoomSummary summary) {
        return new RoomView(summary.getId(), summary.getName(), emptyToNull(summary.getOwner()), summary.getMembers(),
                summary.getCapacity(), summary.getState().name(), summary.getPrivate(), summary.getHasPassword(),
                summary.getMinPlayers(), summary.getMetadataMap());
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
