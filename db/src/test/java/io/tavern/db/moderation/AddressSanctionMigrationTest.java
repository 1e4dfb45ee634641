package io.tavern.db.moderation;

import io.tavern.db.PageRequest;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.tavern.db.moderation.SanctionKind.BAN;
import static io.tavern.db.moderation.SanctionKind.MUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** V11 turns address_ban into address_sanction: every address ban stays a ban, and a range may then be muted too. */
class AddressSanctionMigrationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @DatabaseTest
    void addressBansPutBeforeTheUpgradeAreStillBansAndTheirRangesCanBeMutedBeside(FreshDatabase fresh) throws Exception {
        JdbcTemplate jdbc = fresh.direct();
        Flyway.configure().dataSource(jdbc.getDataSource()).locations("classpath:db/migration").target("9").load().migrate();
        jdbc.update("INSERT INTO address_ban (range_key, expires_at, reason, issued_by, created_at) VALUES (?, ?, ?, ?, ?)",
                "192.0.2.0/24", null, "raid", "mod-ann", OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));

        AddressSanctionStore ranges = new AddressSanctionStore(fresh.open());

        assertThat(Await.result(ranges.listActive(BAN, T0, PageRequest.first(10))))
                .extracting(Sanction::user, Sanction::reason, Sanction::by)
                .containsExactly(tuple("192.0.2.0/24", "raid", "mod-ann"));
        assertThat(Await.result(ranges.listActive(MUTE, T0, PageRequest.first(10)))).isEmpty();
        Await.result(ranges.put(MUTE, "192.0.2.0/24", null, "caps", "mod-mo"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM address_sanction WHERE range_key = '192.0.2.0/24'",
                Integer.class)).isEqualTo(2);
    }
}
