package io.tavern.db.audit;

import io.tavern.db.PageRequest;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @DatabaseTest
    void entriesAreListedNewestFirstPageByPage(FreshDatabase fresh) throws Exception {
        AuditStore audit = new AuditStore(fresh.open(), clock);
        for (String target : List.of("t1", "t2", "t3", "t4", "t5")) {
            Await.result(audit.append("mod", "KICK", target, null, null));
            clock.advance(Duration.ofSeconds(1));
        }

        PageRequest first = PageRequest.first(3);
        assertThat(Await.result(audit.list(first))).extracting(AuditEntry::target).containsExactly("t5", "t4", "t3");
        assertThat(Await.result(audit.list(first.next()))).extracting(AuditEntry::target).containsExactly("t2", "t1");
        assertThat(Await.result(audit.list(first.next().next()))).isEmpty();
    }

    @DatabaseTest
    void anEntryKeepsEveryFieldAsAppended(FreshDatabase fresh) throws Exception {
        AuditStore audit = new AuditStore(fresh.open(), clock);

        AuditEntry appended = Await.result(audit.append("admin", "BAN", "Mallory", "spam", "until=2026-03-02T12:00:00Z"));
        AuditEntry minimal = Await.result(audit.append("console", "SHUTDOWN", null, null, null));

        assertThat(Await.result(audit.list(PageRequest.first(10)))).containsExactly(minimal, appended);
        assertThat(appended.at()).isEqualTo(clock.instant());
        assertThat(minimal.id()).isGreaterThan(appended.id());
    }

    @DatabaseTest
    void anEntryIsPendingUntilItsOutcomeIsRecordedOnce(FreshDatabase fresh) throws Exception {
        AuditStore audit = new AuditStore(fresh.open(), clock);
        AuditEntry asked = Await.result(audit.append("mod", "ban.delete", "Mallory", null, null));
        assertThat(asked.outcome()).isEqualTo(AuditOutcome.PENDING);
        assertThat(asked.status()).isNull();
        assertThat(asked.completedAt()).isNull();
        clock.advance(Duration.ofMillis(250));

        AuditEntry completed = Await.result(audit.complete(asked, AuditOutcome.NOT_FOUND, 404));

        assertThat(completed.outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
        assertThat(completed.status()).isEqualTo(404);
        assertThat(completed.completedAt()).isEqualTo(clock.instant());
        assertThat(completed.at()).isEqualTo(asked.at());
        assertThat(Await.result(audit.list(PageRequest.first(10)))).containsExactly(completed);
        assertThatThrownBy(() -> Await.result(audit.complete(asked, AuditOutcome.OK, 204)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Await.result(audit.list(PageRequest.first(10)))).containsExactly(completed);
    }

    @DatabaseTest
    void anEntryIsCompletedOnlyWithAFinalOutcome(FreshDatabase fresh) throws Exception {
        AuditStore audit = new AuditStore(fresh.open(), clock);
        AuditEntry asked = Await.result(audit.append("mod", "session.kick", "troll", null, null));

        assertThatThrownBy(() -> audit.complete(asked, AuditOutcome.PENDING, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.complete(asked, AuditOutcome.UNKNOWN, 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @DatabaseTest
    void anEntryWithoutActorOrActionOrWithOverlongDetailsIsRefusedAtTheCall(FreshDatabase fresh) {
        AuditStore audit = new AuditStore(fresh.open(), clock);

        assertThatThrownBy(() -> audit.append(null, "BAN", null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> audit.append("mod", " ", null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.append("mod", "BAN", null, null, "x".repeat(4001)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
