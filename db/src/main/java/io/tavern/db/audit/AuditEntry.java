package io.tavern.db.audit;

import java.time.Instant;

/**
 * One thing an operator or moderator did.
 *
 * @param id      increases with every append
 * @param actor   who did it (a moderator's name, or the console)
 * @param action  what, in a stable word such as {@code BAN}, {@code MUTE}, {@code KICK}, {@code CLOSE_ROOM}
 * @param target  whom or what it was done to; may be {@code null}
 * @param reason  the reason given; may be {@code null}
 * @param details anything else worth keeping (say, a ban's end); may be {@code null}
 * @param at      when it was appended
 */
public record AuditEntry(long id, String actor, String action, String target, String reason, String details,
                         Instant at) {
}
