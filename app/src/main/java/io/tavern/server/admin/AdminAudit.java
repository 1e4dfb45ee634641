package io.tavern.server.admin;

import io.tavern.db.audit.AuditEntry;
import io.tavern.db.audit.AuditOutcome;
import io.tavern.db.audit.AuditStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The admin API's side of the audit log. Every state-changing call that is well formed (a 400 changes
 * nothing and is not logged) is one entry, written in two steps:
 * <ol>
 * <li><b>before</b> acting, what was asked: by whom, what, on what and why, outcome {@code PENDING}.
 *     A change that cannot be audited (the database is down, its queue full) is not made, so nothing
 *     an operator does escapes the log;</li>
 * <li><b>after</b> acting, how it ended: {@code OK}, {@code NOT_FOUND} (no such ban, session, room),
 *     {@code REJECTED} (refused as it stood) or {@code FAILED}, with the HTTP status the caller gets.</li>
 * </ol>
 * One entry completed in place, rather than a second one for the outcome, keeps one call one line: a
 * reader sees at a glance what was asked and what came of it, and an entry still {@code PENDING} is
 * exactly a call whose end was never recorded (the server stopped in between). Only the outcome is
 * ever written a second time, and only once.
 */
public final class AdminAudit {

    private static final Logger log = LoggerFactory.getLogger(AdminAudit.class);

    private final AuditStore store;

    public AdminAudit(AuditStore store) {
        this.store = store;
    }

    /**
     * What an admin call is about to do.
     *
     * @param action  a stable dotted word: {@code session.kick}, {@code ban.put}, {@code room.close}...
     * @param target  whom or what; may be null
     * @param reason  the operator's reason; may be null
     * @param details anything else worth keeping; may be null
     */
    public record Intent(Operator operator, String action, String target, String reason, String details) {
    }

    /**
     * Writes {@code intent}, runs {@code action} once it is written, then records the outcome: the
     * action's result, or its failure as the problem the caller will get. The returned future
     * completes after the outcome is written, so that the log read after the answer shows it; an
     * outcome that cannot be written is logged and does not change the answer, for the action has
     * happened (or failed) all the same.
     *
     * @param success the status the caller gets when the action succeeds
     */
    public <T> CompletableFuture<T> perform(Intent intent, HttpStatus success,
                                            Function<AuditEntry, CompletableFuture<T>> action) {
        return store.append(intent.operator().name(), intent.action(), intent.target(), blankToNull(intent.reason()),
                intent.details()).thenCompose(entry -> {
                    CompletableFuture<T> done = start(action, entry);
                    return done.handle((result, failure) -> answered(success, failure))
                            .thenCompose(status -> complete(entry, status))
                            .thenCompose(recorded -> done);
                });
    }

    private static <T> CompletableFuture<T> start(Function<AuditEntry, CompletableFuture<T>> action, AuditEntry entry) {
        try {
            return action.apply(entry);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** The status the caller gets: {@code success}, or the one its failure is answered with. */
    private static HttpStatus answered(HttpStatus success, Throwable failure) {
        return failure == null ? success : AdminExceptionHandler.statusOf(unwrap(failure));
    }

    private CompletableFuture<Void> complete(AuditEntry entry, HttpStatus status) {
        return store.complete(entry, outcomeOf(status), status.value()).handle((completed, failure) -> {
            if (failure != null) {
                log.warn("audit entry {} ({} on {}) stays PENDING: its outcome {} could not be written: {}",
                        entry.id(), entry.action(), entry.target(), status.value(), unwrap(failure).toString());
            }
            return null;
        });
    }

    static AuditOutcome outcomeOf(HttpStatus status) {
        if (status.is2xxSuccessful()) {
            return AuditOutcome.OK;
        }
        if (status == HttpStatus.NOT_FOUND) {
            return AuditOutcome.NOT_FOUND;
        }
        return status.is4xxClientError() ? AuditOutcome.REJECTED : AuditOutcome.FAILED;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
