package io.tavern.db.audit;

import java.time.Instant;

/**
 * One thing an operator or moderator did, or asked for.
 *
 * @param id          increases with every append
 * @param actor       who did it (a moderator's name, or the console)
 * @param action      what, in a stable word such as {@code ban.put}, {@code session.kick}, {@code room.close}
 * @param target      whom or what it was done to; may be {@code null}
 * @param reason      the reason given; may be {@code null}
 * @param details     anything else worth keeping (say, a ban's end); may be {@code null}
 * @param at          when it was appended, before the action
 * @param outcome     how it ended; {@link AuditOutcome#PENDING} until completed
 * @param status      the HTTP status the caller was answered with; {@code null} until completed
 * @param completedAt when the outcome was recorded; {@code null} until completed
 */
public record AuditEntry(long id, String actor, String action, String target, String reason, String details,
                         Instant at, AuditOutcome outcome, Integer status, Instant completedAt) {
}
