package io.tavern.server.admin;

/**
 * The body of {@code POST /admin/api/announcements}.
 *
 * @param text what to say, 1 to {@value Announcement#MAX_LENGTH} characters
 * @param room a room's id or name, to speak to that room only; absent to speak to everyone
 */
public record AnnouncementRequest(String text, String room) {
}
