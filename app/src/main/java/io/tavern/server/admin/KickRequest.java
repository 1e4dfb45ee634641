package io.tavern.server.admin;

/** The body of {@code POST /admin/api/sessions/{id}/kick}: why, shown to the player; optional. */
public record KickRequest(String reason) {
}
