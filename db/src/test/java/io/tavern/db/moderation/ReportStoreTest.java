package io.tavern.db.moderation;

import io.tavern.db.PageRequest;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @DatabaseTest
    void aReportIsKeptWithWhoFiledItFromWhereAndInWhichRoom(FreshDatabase fresh) throws Exception {
        ReportStore reports = new ReportStore(fresh.open(), clock);

        PlayerReport filed = Await.result(reports.file("alice", "account:7", "192.0.2.7", "Mallory", "spams the lobby",
                "r-1", "Tavern"));

        assertThat(Await.result(reports.list(PageRequest.first(10)))).containsExactly(filed);
        assertThat(filed.createdAt()).isEqualTo(clock.instant());
        assertThat(filed.roomName()).isEqualTo("Tavern");
    }

    @DatabaseTest
    void reportsAreListedNewestFirstPageByPage(FreshDatabase fresh) throws Exception {
        ReportStore reports = new ReportStore(fresh.open(), clock);
        for (int i = 1; i <= 5; i++) {
            Await.result(reports.file("bob", "guest:b", "2001:db8:0:1::/64", "u" + i, "reason " + i, null, null));
            clock.advance(Duration.ofSeconds(1));
        }

        PageRequest first = PageRequest.first(2);
        assertThat(Await.result(reports.list(first))).extracting(PlayerReport::reported).containsExactly("u5", "u4");
        assertThat(Await.result(reports.list(first.next().next()))).extracting(PlayerReport::reported).containsExactly("u1");
    }

    @DatabaseTest
    void aReportWithoutAReasonOrWithHalfARoomIsRefused(FreshDatabase fresh) {
        ReportStore reports = new ReportStore(fresh.open(), clock);

        assertThatThrownBy(() -> reports.file("a1", "guest:a", "192.0.2.1", "b1", " ", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reports.file("a1", "guest:a", "192.0.2.1", "b1", "why", "r-1", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
