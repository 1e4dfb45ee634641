package io.tavern.server.admin;

import io.tavern.server.text.TextSanitizer;

/**
 * An operator's reason, as the audit log and the players see it: cleaned as players' text is
 * ({@link TextSanitizer}), optional, at most {@value #MAX_LENGTH} characters (the audit log's limit).
 */
final class Reason {

    static final int MAX_LENGTH = 500;

    private Reason() {
    }

    /** The reason cleaned and stripped, or null when none was given. */
    static String check(String reason) {
        String stripped = TextSanitizer.clean(reason).strip();
        if (stripped.isEmpty()) {
            return null;
        }
        if (stripped.length() > MAX_LENGTH) {
            throw AdminRejection.invalid("reason: " + stripped.length() + " characters is too long; a reason has at most "
                    + MAX_LENGTH);
        }
        return stripped;
    }
}
