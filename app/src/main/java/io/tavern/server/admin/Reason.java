package io.tavern.server.admin;

/**
 * An operator's reason, as the audit log and the players see it: optional, at most
 * {@value #MAX_LENGTH} characters (the audit log's limit).
 */
final class Reason {

    static final int MAX_LENGTH = 500;

    private Reason() {
    }

    /** The reason stripped, or null when none was given. */
    static String check(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw AdminRejection.invalid("reason: " + stripped.length() + " characters is too long; a reason has at most "
                    + MAX_LENGTH);
        }
        return stripped;
    }
}
