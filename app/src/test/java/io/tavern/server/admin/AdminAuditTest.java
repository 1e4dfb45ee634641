package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.db.PageRequest;
import io.tavern.db.audit.AuditEntry;
import io.tavern.db.audit.AuditOutcome;
import io.tavern.db.audit.AuditStore;
import io.tavern.db.exec.ServerBusyException;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminAudit.Intent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The audit around an admin action, on a real (H2) database: intent first, then the outcome, once. */
class AdminAuditTest {

    private final Intent kick = new Intent(new Operator("mod-al"), "session.kick", "troll", "spam", "session s-1");

    private FreshDatabase fresh;
    private AuditStore store;
    private AdminAudit audit;

    @BeforeEach
    void openTheLog() throws Exception {
        fresh = FreshDatabase.h2();
        store = new AuditStore(fresh.open());
        audit = new AdminAudit(store);
    }

    @AfterEach
    void closeTheLog() throws Exception {
        fresh.close();
    }

    @Test
    void theActionRunsOnlyOnceItsIntentIsWrittenAndTheAnswerWaitsForTheOutcome() throws Exception {
        List<AuditEntry> seenByTheAction = audit.perform(kick, HttpStatus.ACCEPTED,
                entry -> store.list(PageRequest.first(10))).get(10, TimeUnit.SECONDS);

        assertThat(seenByTheAction).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.PENDING);
            assertThat(entry.actor()).isEqualTo("mod-al");
            assertThat(entry.reason()).isEqualTo("spam");
        });
        AuditEntry completed = entries().get(0);
        assertThat(completed.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(completed.status()).isEqualTo(202);
    }

    @Test
    void aCallRefusedAsItStoodIsRejectedAndOneTheServerCouldNotDoIsFailed() throws Exception {
        AdminRejection stillConnecting = new AdminRejection(HttpStatus.CONFLICT, ErrorCode.INVALID_STATE, "still connecting");
        ServerBusyException busy = new ServerBusyException("the DB queue", 1);

        CompletableFuture<Object> rejected = audit.perform(kick, HttpStatus.ACCEPTED, entry -> {
            throw stillConnecting;
        });
        assertThatThrownBy(() -> rejected.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCause(stillConnecting);
        CompletableFuture<Object> failed = audit.perform(kick, HttpStatus.ACCEPTED, entry -> CompletableFuture.failedFuture(busy));
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCause(busy);

        List<AuditEntry> newestFirst = entries();
        assertThat(newestFirst).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.FAILED, AuditOutcome.REJECTED);
        assertThat(newestFirst).extracting(AuditEntry::status).containsExactly(503, 409);
    }

    private List<AuditEntry> entries() throws Exception {
        return store.list(PageRequest.first(10)).get(10, TimeUnit.SECONDS);
    }
}
