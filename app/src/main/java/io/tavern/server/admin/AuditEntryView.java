package io.tavern.server.admin;

import io.tavern.db.audit.AuditEntry;
import java.time.Instant;

/** One line of the audit log: who did what, to whom, when and why. */
public record AuditEntryView(long id, String actor, String action, String target, String reason, String details,
                             Instant at) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.actor(), entry.action(), entry.target(), entry.reason(),
                entry.details(), entry.at());
    }
}
