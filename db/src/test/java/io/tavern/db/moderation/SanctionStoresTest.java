package io.tavern.db.moderation;

import io.tavern.db.Database;
import io.tavern.db.PageRequest;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tavern.db.moderation.SanctionKind.BAN;
import static io.tavern.db.moderation.SanctionKind.MUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SanctionStoresTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    private Instant now() {
        return clock.instant();
    }

    @DatabaseTest
    void aBanHoldsUntilItsEndAndNotAfter(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);

        Sanction ban = Await.result(names.put(BAN, "Mallory", now().plus(Duration.ofHours(1)), "spam", "mod"));

        assertThat(Await.result(names.findActive(BAN, "Mallory", now()))).contains(ban);
        assertThat(Await.result(names.findActive(BAN, "Mallory", now().plus(Duration.ofMinutes(59))))).isPresent();
        assertThat(Await.result(names.findActive(BAN, "Mallory", now().plus(Duration.ofHours(1))))).isEmpty();
        assertThat(Await.result(names.findActive(BAN, "Mallory", now().plus(Duration.ofDays(1))))).isEmpty();
    }

    @DatabaseTest
    void aBanWithoutEndIsPermanent(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);

        Await.result(names.put(BAN, "Mallory", null, "cheating", "mod"));

        assertThat(Await.result(names.findActive(BAN, "Mallory", now().plus(Duration.ofDays(36_500)))))
                .get().satisfies(ban -> {
                    assertThat(ban.isPermanent()).isTrue();
                    assertThat(ban.reason()).isEqualTo("cheating");
                    assertThat(ban.by()).isEqualTo("mod");
                    assertThat(ban.createdAt()).isEqualTo(now());
                });
    }

    @DatabaseTest
    void aNewBanReplacesTheOldOne(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);
        Await.result(names.put(BAN, "Mallory", null, "first", "mod"));

        clock.advance(Duration.ofMinutes(5));
        Await.result(names.put(BAN, "mallory", now().plus(Duration.ofHours(1)), "reduced on appeal", "admin"));

        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM ban", Integer.class)).isEqualTo(1);
        assertThat(Await.result(names.findActive(BAN, "Mallory", now()))).get().satisfies(ban -> {
            assertThat(ban.reason()).isEqualTo("reduced on appeal");
            assertThat(ban.by()).isEqualTo("admin");
            assertThat(ban.until()).isEqualTo(now().plus(Duration.ofHours(1)));
        });
        assertThat(Await.result(names.findActive(BAN, "Mallory", now().plus(Duration.ofHours(2))))).isEmpty();
    }

    @DatabaseTest
    void liftingABanEndsItAtOnce(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);
        Await.result(names.put(BAN, "Mallory", null, null, "mod"));

        assertThat(Await.result(names.remove(BAN, "MALLORY"))).isTrue();
        assertThat(Await.result(names.findActive(BAN, "Mallory", now()))).isEmpty();
        assertThat(Await.result(names.remove(BAN, "Mallory"))).as("nothing left to lift").isFalse();
    }

    @DatabaseTest
    void aBanIsFoundWhateverTheCaseOfTheName(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);
        Await.result(names.put(BAN, "Mallory", null, null, "mod"));

        assertThat(Await.result(names.findActive(BAN, "mALLORY", now()))).get().extracting(Sanction::user).isEqualTo("Mallory");
    }

    @DatabaseTest
    void theListShowsBansInForceNewestFirstPageByPage(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);
        for (String user : List.of("u1", "u2", "u3", "u4", "u5")) {
            Await.result(names.put(BAN, user, user.equals("u3") ? now().plus(Duration.ofMinutes(30)) : null, null, "mod"));
            clock.advance(Duration.ofMinutes(1));
        }
        Instant later = now().plus(Duration.ofHours(1)); // u3's ban is over by then

        PageRequest first = PageRequest.first(2);
        assertThat(Await.result(names.listActive(BAN, later, first))).extracting(Sanction::user).containsExactly("u5", "u4");
        assertThat(Await.result(names.listActive(BAN, later, first.next()))).extracting(Sanction::user).containsExactly("u2", "u1");
        assertThat(Await.result(names.listActive(BAN, later, first.next().next()))).isEmpty();
        assertThat(Await.result(names.listActive(BAN, now(), PageRequest.first(10)))).hasSize(5);
    }

    @DatabaseTest
    void aMuteHoldsUntilItsEndAndIsNoBan(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        NameSanctionStore names = new NameSanctionStore(database, clock);

        Await.result(names.put(MUTE, "Carol", now().plus(Duration.ofMinutes(10)), "caps lock", "mod"));

        assertThat(Await.result(names.findActive(MUTE, "carol", now()))).get().extracting(Sanction::reason).isEqualTo("caps lock");
        assertThat(Await.result(names.findActive(MUTE, "carol", now().plus(Duration.ofMinutes(11))))).isEmpty();
        assertThat(Await.result(names.findActive(BAN, "carol", now()))).isEmpty();
        assertThat(Await.result(names.listActive(MUTE, now(), PageRequest.first(10)))).extracting(Sanction::user).containsExactly("Carol");
        assertThat(Await.result(names.remove(MUTE, "Carol"))).isTrue();
        assertThat(Await.result(names.findActive(MUTE, "carol", now()))).isEmpty();
    }

    /** An account as registration leaves it; the password does not matter here. */
    private long account(FreshDatabase fresh, String name) {
        fresh.direct().update("INSERT INTO account (name_key, display_name, password_hash, created_at) VALUES (?, ?, 'x', ?)",
                name.toLowerCase(java.util.Locale.ROOT), name, java.sql.Timestamp.from(now()));
        return fresh.direct().queryForObject("SELECT id FROM account WHERE name_key = ?", Long.class,
                name.toLowerCase(java.util.Locale.ROOT));
    }

    private static void rename(FreshDatabase fresh, long account, String name) {
        fresh.direct().update("UPDATE account SET name_key = ?, display_name = ? WHERE id = ?",
                name.toLowerCase(java.util.Locale.ROOT), name, account);
    }

    @DatabaseTest
    void aBanOnARegisteredNameFollowsTheAccountUnderItsNewName(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);
        long mallory = account(fresh, "Mallory");

        Sanction ban = Await.result(names.put(BAN, "Mallory", null, "cheating", "mod"));
        rename(fresh, mallory, "Eve");

        assertThat(ban.accountId()).isEqualTo(mallory);
        assertThat(Await.result(names.findActive(BAN, "Eve", now()))).get().extracting(Sanction::accountId).isEqualTo(mallory);
        assertThat(Await.result(names.lift(BAN, "eve"))).extracting(Sanction::user).containsExactly("Mallory");
        assertThat(Await.result(names.findActive(BAN, "Eve", now()))).isEmpty();
    }

    @DatabaseTest
    void anAccountHasOneBanWhateverNamesItWasPutOn(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);
        long mallory = account(fresh, "Mallory");
        Await.result(names.put(BAN, "Mallory", null, "first", "mod"));
        rename(fresh, mallory, "Eve");

        Await.result(names.put(BAN, "Eve", now().plus(Duration.ofHours(1)), "second", "mod"));

        assertThat(Await.result(names.listActive(BAN, now(), PageRequest.first(10))))
                .extracting(Sanction::user, Sanction::reason, Sanction::accountId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Eve", "second", mallory));
    }

    @DatabaseTest
    void aBanOnANameNoAccountHoldsStaysOnTheName(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);

        Sanction ban = Await.result(names.put(BAN, "guest42", null, null, "mod"));

        assertThat(ban.isByAccount()).isFalse();
        assertThat(Await.result(names.findActive(BAN, "GUEST42", now()))).isPresent();
    }

    @DatabaseTest
    void theSweepRemovesOnlySanctionsThatEndedOldestEndFirstAndInBatches(FreshDatabase fresh) throws Exception {
        NameSanctionStore names = new NameSanctionStore(fresh.open(), clock);
        Await.result(names.put(MUTE, "soon", now().plus(Duration.ofMinutes(1)), null, "mod"));
        Await.result(names.put(MUTE, "sooner", now().plus(Duration.ofSeconds(30)), null, "mod"));
        Await.result(names.put(MUTE, "later", now().plus(Duration.ofHours(1)), null, "mod"));
        Await.result(names.put(MUTE, "forever", null, null, "mod"));
        Instant sweep = now().plus(Duration.ofMinutes(2));

        assertThat(Await.result(names.removeExpired(MUTE, sweep, 1))).extracting(Sanction::user).containsExactly("sooner");
        assertThat(Await.result(names.removeExpired(MUTE, sweep, 10))).extracting(Sanction::user).containsExactly("soon");
        assertThat(Await.result(names.removeExpired(MUTE, sweep, 10))).isEmpty();
        assertThat(Await.result(names.listActive(MUTE, now(), PageRequest.first(10)))).extracting(Sanction::user)
                .containsExactlyInAnyOrder("later", "forever");
    }

    @DatabaseTest
    void anAddressBanIsKeptByItsRangeAndEndsLikeAnyBan(FreshDatabase fresh) throws Exception {
        AddressSanctionStore ranges = new AddressSanctionStore(fresh.open(), clock);

        Await.result(ranges.put(BAN, "2001:db8::/32", now().plus(Duration.ofMinutes(5)), "botnet", "mod"));
        Await.result(ranges.put(BAN, "192.0.2.0/24", null, "spam", "mod"));
        Await.result(ranges.put(BAN, "192.0.2.0/24", null, "spam, again", "admin"));

        assertThat(Await.result(ranges.listActive(BAN, now(), PageRequest.first(10))))
                .extracting(Sanction::user, Sanction::reason)
                .containsExactlyInAnyOrder(tuple("2001:db8::/32", "botnet"), tuple("192.0.2.0/24", "spam, again"));
        assertThat(Await.result(ranges.removeExpired(BAN, now().plus(Duration.ofMinutes(5)), 10)))
                .extracting(Sanction::user).containsExactly("2001:db8::/32");
        assertThat(Await.result(ranges.remove(BAN, "192.0.2.0/24"))).isTrue();
        assertThat(Await.result(ranges.listActive(BAN, now(), PageRequest.first(10)))).isEmpty();
    }

    @DatabaseTest
    void aRangeBannedAndMutedHoldsTwoSanctionsThatEndAndLiftApart(FreshDatabase fresh) throws Exception {
        AddressSanctionStore ranges = new AddressSanctionStore(fresh.open(), clock);

        Await.result(ranges.put(BAN, "198.51.100.0/24", null, "raid", "admin"));
        Await.result(ranges.put(MUTE, "198.51.100.0/24", now().plus(Duration.ofMinutes(5)), "caps", "mod"));
        Await.result(ranges.put(MUTE, "2001:db8:1::/48", null, "spam", "mod"));

        assertThat(Await.result(ranges.listActive(MUTE, now(), PageRequest.first(10))))
                .extracting(Sanction::user, Sanction::reason, Sanction::by)
                .containsExactlyInAnyOrder(tuple("198.51.100.0/24", "caps", "mod"), tuple("2001:db8:1::/48", "spam", "mod"));
        assertThat(Await.result(ranges.listActive(BAN, now(), PageRequest.first(10))))
                .extracting(Sanction::user, Sanction::reason).containsExactly(tuple("198.51.100.0/24", "raid"));
        assertThat(Await.result(ranges.removeExpired(BAN, now().plus(Duration.ofHours(1)), 10)))
                .as("the ban has no end; the mute's is not the ban's").isEmpty();
        assertThat(Await.result(ranges.removeExpired(MUTE, now().plus(Duration.ofHours(1)), 10)))
                .extracting(Sanction::user).containsExactly("198.51.100.0/24");
        assertThat(Await.result(ranges.remove(MUTE, "198.51.100.0/24"))).as("swept already").isFalse();
        assertThat(Await.result(ranges.remove(MUTE, "2001:db8:1::/48"))).isTrue();
        assertThat(Await.result(ranges.listActive(BAN, now(), PageRequest.first(10)))).extracting(Sanction::user)
                .as("lifting mutes leaves the ban").containsExactly("198.51.100.0/24");
        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM address_sanction", Integer.class)).isEqualTo(1);
    }
}
