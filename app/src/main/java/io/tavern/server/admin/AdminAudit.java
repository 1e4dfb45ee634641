package io.tavern.server.admin;

import io.tavern.db.audit.AuditEntry;
import io.tavern.db.audit.AuditStore;
import java.util.concurrent.CompletableFuture;

/**
 * The admin API's side of the audit log. Every state-changing call writes its entry <b>before</b>
 * acting: a change that cannot be audited (the database is down, its queue full) is not made, so
 * nothing an operator does escapes the log. The entry records what was asked, by whom, on what and
 * why; the action's outcome is the response.
 */
public final class AdminAudit {

    private final AuditStore store;

    public AdminAudit(AuditStore store) {
        this.store = store;
    }

    /**
     * @param action a stable dotted word: {@code session.kick}, {@code ban.put}, {@code room.close}...
     * @param target whom or what; may be null
     * @param reason the operator's reason; may be null
     * @param details anything else worth keeping; may be null
     */
    public CompletableFuture<AuditEntry> record(Operator operator, String action, String target, String reason,
                                                String details) {
        return store.append(operator.name(), action, target, blankToNull(reason), details);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
