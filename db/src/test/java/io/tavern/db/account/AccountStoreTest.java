package io.tavern.db.account;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tavern.db.Database;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountStoreTest {

    /** The lowest Argon2id cost: these tests are about the store, not about the hash's strength. */
    private static final PasswordHashingConfig CHEAP = new PasswordHashingConfig(64, 1, 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<PasswordHashing> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(PasswordHashing::close);
    }

    private PasswordHashing hashing(PasswordHashingConfig cost) {
        PasswordHashing hashing = new PasswordHashing(new PasswordHasher(cost), 2, 16, new SimpleMeterRegistry());
        pools.add(hashing);
        return hashing;
    }

    private AccountStore accounts(FreshDatabase fresh) {
        return new AccountStore(fresh.open(), hashing(CHEAP), clock);
    }

    @DatabaseTest
    void aRegisteredUserLogsInWithTheirPassword(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);

        Account registered = Await.result(accounts.register("Alice", "correct horse"));
        Optional<Account> loggedIn = Await.result(accounts.authenticate("Alice", "correct horse"));

        assertThat(registered.name()).isEqualTo("Alice");
        assertThat(registered.createdAt()).isEqualTo(clock.instant());
        assertThat(loggedIn).get().satisfies(account -> {
            assertThat(account.id()).isEqualTo(registered.id());
            assertThat(account.name()).isEqualTo("Alice");
        });
    }

    @DatabaseTest
    void aWrongPasswordIsRefused(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);
        Await.result(accounts.register("Alice", "correct horse"));

        assertThat(Await.result(accounts.authenticate("Alice", "battery staple"))).isEmpty();
    }

    @DatabaseTest
    void anUnknownNameIsRefusedJustLikeAWrongPassword(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);

        assertThat(Await.result(accounts.authenticate("Nobody", "anything"))).isEmpty();
    }

    @DatabaseTest
    void aNameThatDiffersOnlyInCaseIsTaken(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);
        Await.result(accounts.register("Alice", "correct horse"));

        assertThatThrownBy(() -> Await.result(accounts.register("aLiCe", "another password")))
                .isInstanceOf(NameTakenException.class)
                .hasMessageContaining("aLiCe");
        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM account", Integer.class)).isEqualTo(1);
    }

    @DatabaseTest
    void loginIgnoresTheCaseOfTheNameAndKeepsTheNameAsRegistered(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);
        Await.result(accounts.register("Alice", "correct horse"));

        assertThat(Await.result(accounts.authenticate("ALICE", "correct horse")))
                .get().extracting(Account::name).isEqualTo("Alice");
    }

    @DatabaseTest
    void aGuestCanTellThatANameIsRegisteredInAnyCase(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);
        Await.result(accounts.register("Alice", "correct horse"));

        assertThat(Await.result(accounts.exists("alice"))).isTrue();
        assertThat(Await.result(accounts.exists("ALICE"))).isTrue();
        assertThat(Await.result(accounts.exists("Bob"))).isFalse();
    }

    @DatabaseTest
    void aSuccessfulLoginRecordsItsTimeAndAFailedOneDoesNot(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);
        Await.result(accounts.register("Alice", "correct horse"));
        assertThat(Await.result(accounts.find("Alice"))).get().extracting(Account::lastLoginAt).isNull();

        clock.advance(Duration.ofHours(1));
        Instant loginTime = clock.instant();
        Optional<Account> loggedIn = Await.result(accounts.authenticate("Alice", "correct horse"));
        clock.advance(Duration.ofHours(1));
        Await.result(accounts.authenticate("Alice", "wrong"));

        assertThat(loggedIn).get().extracting(Account::lastLoginAt).isEqualTo(loginTime);
        assertThat(Await.result(accounts.find("alice"))).get().extracting(Account::lastLoginAt).isEqualTo(loginTime);
    }

    @DatabaseTest
    void onlyAnArgon2idHashOfThePasswordIsStored(FreshDatabase fresh) throws Exception {
        AccountStore accounts = accounts(fresh);
        Await.result(accounts.register("Alice", "correct horse"));

        String stored = fresh.direct().queryForObject("SELECT password_hash FROM account", String.class);

        assertThat(stored).startsWith("$argon2id$").doesNotContain("correct horse");
    }

    @DatabaseTest
    void raisingTheHashCostRehashesAPasswordAtItsNextLogin(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        Await.result(new AccountStore(database, hashing(CHEAP), clock).register("Alice", "correct horse"));
        AccountStore costlier = new AccountStore(database, hashing(new PasswordHashingConfig(128, 2, 1)), clock);

        assertThat(Await.result(costlier.authenticate("Alice", "correct horse"))).isPresent();

        String stored = fresh.direct().queryForObject("SELECT password_hash FROM account", String.class);
        assertThat(stored).contains("m=128,t=2,p=1");
        assertThat(Await.result(costlier.authenticate("Alice", "correct horse"))).isPresent();
    }

    @DatabaseTest
    void ofConcurrentRegistrationsOfOneNameExactlyOneWins(FreshDatabase fresh) {
        AccountStore accounts = accounts(fresh);
        List<String> spellings = List.of("racer", "Racer", "RACER", "rAcEr", "RaCeR", "racER", "RACer", "raceR");

        List<CompletableFuture<Account>> attempts = IntStream.range(0, spellings.size())
                .mapToObj(i -> accounts.register(spellings.get(i), "password " + i))
                .toList();
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();

        assertThat(attempts.stream().filter(attempt -> !attempt.isCompletedExceptionally())).hasSize(1);
        assertThat(attempts.stream().filter(CompletableFuture::isCompletedExceptionally))
                .hasSize(spellings.size() - 1)
                .allSatisfy(refused -> assertThatThrownBy(refused::join)
                        .isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(NameTakenException.class));
    }

    @DatabaseTest
    void namesAndPasswordsTheProtocolCannotCarryAreRefusedAtTheCall(FreshDatabase fresh) {
        AccountStore accounts = accounts(fresh);

        assertThatThrownBy(() -> accounts.register("two words", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.register("x".repeat(65), "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.register("Alice", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
