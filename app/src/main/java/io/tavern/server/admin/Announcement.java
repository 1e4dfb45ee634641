package io.tavern.server.admin;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.text.TextSanitizer;

/**
 * The answer to an announcement: its text as delivered, and where it went.
 *
 * @param room  the room's id, or null when it went to everyone
 * @param rooms how many rooms were told (the lobby is told too when it went to everyone)
 */
public record Announcement(String text, String room, int rooms, long auditId) {

    /** Long enough for any notice, short enough for one frame and one archived row. */
    static final int MAX_LENGTH = 2000;

    /**
     * The text as players will see it: cleaned as players' text is ({@link TextSanitizer}: control and
     * invisible characters removed, NFC), trimmed, not empty, not too long.
     */
    static String clean(String text) {
        String cleaned = TextSanitizer.clean(text).strip();
        if (cleaned.isEmpty()) {
            throw AdminRejection.invalid(ErrorCode.EMPTY_MESSAGE,
                    "text: the announcement is empty once control and invisible characters and outer spaces are removed");
        }
        if (cleaned.codePointCount(0, cleaned.length()) > MAX_LENGTH) {
            throw AdminRejection.invalid(ErrorCode.MESSAGE_TOO_LONG, "text: " + cleaned.codePointCount(0, cleaned.length())
                    + " characters is too long; an announcement has at most " + MAX_LENGTH);
        }
        return cleaned;
    }
}
