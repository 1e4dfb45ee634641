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

import static org.assertj.core.api.Assertions.assertThat;

class SanctionStoresTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    private Instant now() {
        return clock.instant();
    }

    @DatabaseTest
    void aBanHoldsUntilItsEndAndNotAfter(FreshDatabase fresh) throws Exception {
        BanStore bans = new BanStore(fresh.open(), clock);

        Sanction ban = Await.result(bans.put("Mallory", now().plus(Duration.ofHours(1)), "spam", "mod"));

        assertThat(Await.result(bans.findActive("Mallory", now()))).contains(ban);
        assertThat(Await.result(bans.findActive("Mallory", now().plus(Duration.ofMinutes(59))))).isPresent();
        assertThat(Await.result(bans.findActive("Mallory", now().plus(Duration.ofHours(1))))).isEmpty();
        assertThat(Await.result(bans.findActive("Mallory", now().plus(Duration.ofDays(1))))).isEmpty();
    }

    @DatabaseTest
    void aBanWithoutEndIsPermanent(FreshDatabase fresh) throws Exception {
        BanStore bans = new BanStore(fresh.open(), clock);

        Await.result(bans.put("Mallory", null, "cheating", "mod"));

        assertThat(Await.result(bans.findActive("Mallory", now().plus(Duration.ofDays(36_500)))))
                .get().satisfies(ban -> {
                    assertThat(ban.isPermanent()).isTrue();
                    assertThat(ban.reason()).isEqualTo("cheating");
                    assertThat(ban.by()).isEqualTo("mod");
                    assertThat(ban.createdAt()).isEqualTo(now());
                });
    }

    @DatabaseTest
    void aNewBanReplacesTheOldOne(FreshDatabase fresh) throws Exception {
        BanStore bans = new BanStore(fresh.open(), clock);
        Await.result(bans.put("Mallory", null, "first", "mod"));

        clock.advance(Duration.ofMinutes(5));
        Await.result(bans.put("mallory", now().plus(Duration.ofHours(1)), "reduced on appeal", "admin"));

        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM ban", Integer.class)).isEqualTo(1);
        assertThat(Await.result(bans.findActive("Mallory", now()))).get().satisfies(ban -> {
            assertThat(ban.reason()).isEqualTo("reduced on appeal");
            assertThat(ban.by()).isEqualTo("admin");
            assertThat(ban.until()).isEqualTo(now().plus(Duration.ofHours(1)));
        });
        assertThat(Await.result(bans.findActive("Mallory", now().plus(Duration.ofHours(2))))).isEmpty();
    }

    @DatabaseTest
    void liftingABanEndsItAtOnce(FreshDatabase fresh) throws Exception {
        BanStore bans = new BanStore(fresh.open(), clock);
        Await.result(bans.put("Mallory", null, null, "mod"));

        assertThat(Await.result(bans.remove("MALLORY"))).isTrue();
        assertThat(Await.result(bans.findActive("Mallory", now()))).isEmpty();
        assertThat(Await.result(bans.remove("Mallory"))).as("nothing left to lift").isFalse();
    }

    @DatabaseTest
    void aBanIsFoundWhateverTheCaseOfTheName(FreshDatabase fresh) throws Exception {
        BanStore bans = new BanStore(fresh.open(), clock);
        Await.result(bans.put("Mallory", null, null, "mod"));

        assertThat(Await.result(bans.findActive("mALLORY", now()))).get().extracting(Sanction::user).isEqualTo("Mallory");
    }

    @DatabaseTest
    void theListShowsBansInForceNewestFirstPageByPage(FreshDatabase fresh) throws Exception {
        BanStore bans = new BanStore(fresh.open(), clock);
        for (String user : List.of("u1", "u2", "u3", "u4", "u5")) {
            Await.result(bans.put(user, user.equals("u3") ? now().plus(Duration.ofMinutes(30)) : null, null, "mod"));
            clock.advance(Duration.ofMinutes(1));
        }
        Instant later = now().plus(Duration.ofHours(1)); // u3's ban is over by then

        PageRequest first = PageRequest.first(2);
        assertThat(Await.result(bans.listActive(later, first))).extracting(Sanction::user).containsExactly("u5", "u4");
        assertThat(Await.result(bans.listActive(later, first.next()))).extracting(Sanction::user).containsExactly("u2", "u1");
        assertThat(Await.result(bans.listActive(later, first.next().next()))).isEmpty();
        assertThat(Await.result(bans.listActive(now(), PageRequest.first(10)))).hasSize(5);
    }

    @DatabaseTest
    void aMuteHoldsUntilItsEndAndIsNoBan(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        BanStore bans = new BanStore(database, clock);
        MuteStore mutes = new MuteStore(database, clock);

        Await.result(mutes.put("Carol", now().plus(Duration.ofMinutes(10)), "caps lock", "mod"));

        assertThat(Await.result(mutes.findActive("carol", now()))).get().extracting(Sanction::reason).isEqualTo("caps lock");
        assertThat(Await.result(mutes.findActive("carol", now().plus(Duration.ofMinutes(11))))).isEmpty();
        assertThat(Await.result(bans.findActive("carol", now()))).isEmpty();
        assertThat(Await.result(mutes.listActive(now(), PageRequest.first(10)))).extracting(Sanction::user).containsExactly("Carol");
        assertThat(Await.result(mutes.remove("Carol"))).isTrue();
        assertThat(Await.result(mutes.findActive("carol", now()))).isEmpty();
    }
}
