package io.tavern.db.moderation;

import java.time.Instant;
import java.util.Optional;

/**
 * A ban or a mute of one user.
 *
 * @param user      the user's name as given when the sanction was put
 * @param until     when it ends; {@code null} for a permanent one
 * @param reason    the moderator's reason, shown to the user; may be {@code null}
 * @param by        who put it (a moderator's name, or the console)
 * @param createdAt when it was put
 */
public record Sanction(String user, Instant until, String reason, String by, Instant createdAt) {

    public boolean isPermanent() {
        return until == null;
    }

    public boolean isActiveAt(Instant now) {
        return until == null || until.isAfter(now);
    }

    public Optional<Instant> end() {
        return Optional.ofNullable(until);
    }
}
