package io.tavern.server.admin;

import io.tavern.db.audit.AuditEntry;
import io.tavern.db.audit.AuditOutcome;
import java.time.Instant;

/**
 * One line of the audit log: who asked for what, on whom, when and why; and how it ended.
 *
 * @param outcome     OK, NOT_FOUND, REJECTED or FAILED; PENDING while (or if never) completed; UNKNOWN for
 *                    entries from before outcomes were recorded
 * @param status      the HTTP status the caller was answered with; null while pending
 * @param completedAt when the outcome was recorded; null while pending
 */
public record AuditEntryView(long id, String actor, String action, String target, String reason, String details,
                             Instant at, AuditOutcome outcome, Integer status, Instant completedAt) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.actor(), entry.action(), entry.target(), entry.reason(),
                entry.details(), entry.at(), entry.outcome(), entry.status(), entry.completedAt());
    }
}
