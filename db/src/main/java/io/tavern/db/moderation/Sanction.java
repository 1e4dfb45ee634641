package io.tavern.db.moderation;

import java.time.Instant;
import java.util.Optional;

/**
 * A ban or a mute of one user or of an address range.
 *
 * @param user      whom it is on: the user's name as given when the sanction was put, or for an address ban or mute
 *                  the range in canonical CIDR form ({@code 192.0.2.0/24})
 * @param until     when it ends; {@code null} for a permanent one
 * @param reason    the moderator's reason, shown to the user; may be {@code null}
 * @param by        who put it (a moderator's name, or the console)
 * @param createdAt when it was put
 * @param accountId the account it applies to, whatever its name now; {@code null} when it applies to the name
 *                  (no account had it when the sanction was put) or to an address range
 */
public record Sanction(String user, Instant until, String reason, String by, Instant createdAt, Long accountId) {

    public Sanction(String user, Instant until, String reason, String by, Instant createdAt) {
        this(user, until, reason, by, createdAt, null);
    }

    public boolean isPermanent() {
        return until == null;
    }

    public boolean isActiveAt(Instant now) {
        return until == null || until.isAfter(now);
    }

    public Optional<Instant> end() {
        return Optional.ofNullable(until);
    }

    /** Whether it follows an account rather than a name or an address. */
    public boolean isByAccount() {
        return accountId != null;
    }
}
