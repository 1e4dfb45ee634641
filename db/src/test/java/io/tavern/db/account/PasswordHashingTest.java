package io.tavern.db.account;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tavern.db.Database;
import io.tavern.db.exec.BoundedExecutor;
import io.tavern.db.exec.ServerBusyException;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseKind;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.NamedThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords are hashed on the hashing pool and nowhere else, and a full pool refuses at once. */
class PasswordHashingTest {

    private static final PasswordHashingConfig CHEAP = new PasswordHashingConfig(64, 1, 1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PasswordHasher hasher = new PasswordHasher(CHEAP);
    private final CountDownLatch release = new CountDownLatch(1);
    private PasswordHashing hashing;

    @AfterEach
    void close() {
        release.countDown();
        if (hashing != null) {
            hashing.close();
        }
    }

    @Test
    void aHashIsMadeAndCheckedOnAHashingThread() throws Exception {
        hashing = new PasswordHashing(hasher, 2, 8, registry);

        String hash = Await.result(hashing.hash("correct horse"));

        assertThat(hash).startsWith("$argon2id$");
        assertThat(Await.result(hashing.verify("correct horse", Optional.of(hash))).matches()).isTrue();
        assertThat(Await.result(hashing.verify("battery staple", Optional.of(hash))).matches()).isFalse();
        assertThat(registry.get("tavern.hash.task.duration").timer().count()).isEqualTo(3);
    }

    @Test
    void anUnknownAccountIsCheckedAgainstADecoyAndNeverMatches() throws Exception {
        hashing = new PasswordHashing(hasher, 1, 8, registry);

        assertThat(Await.result(hashing.verify("anything", Optional.empty())))
                .isEqualTo(new PasswordHashing.Verification(false, null));
        assertThat(registry.get("tavern.hash.task.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void aHashStoredAtALowerCostIsRehashedWhenItMatches() throws Exception {
        hashing = new PasswordHashing(new PasswordHasher(new PasswordHashingConfig(128, 2, 1)), 1, 8, registry);
        String cheap = cheapHash("correct horse");

        PasswordHashing.Verification verification = Await.result(hashing.verify("correct horse", Optional.of(cheap)));

        assertThat(verification.matches()).isTrue();
        assertThat(verification.rehashed()).contains("m=128,t=2,p=1");
    }

    @Test
    void everyOtherThreadIsRefusedAHashAnEventLoopALogicThreadAndADbThreadAlike() throws Exception {
        for (String thread : new String[] {"tavern-io-1", "tavern-logic-1", "tavern-db-1", "main"}) {
            assertThat(NamedThread.failureOf(thread, () -> hasher.hash("pw"))).as(thread)
                    .get().isInstanceOf(IllegalStateException.class)
                    .extracting(Throwable::getMessage).asString().contains(thread, "tavern-hash-");
            assertThat(NamedThread.failureOf(thread, () -> hasher.matches("pw", "$argon2id$v=19$m=64,t=1,p=1$x$y")))
                    .as(thread).get().isInstanceOf(IllegalStateException.class);
        }
    }

    @DatabaseTest(DatabaseKind.H2)
    void theDbExecutorsThreadsAreRefusedAHash(FreshDatabase fresh) {
        Database database = fresh.open();

        assertThatThrownBy(() -> Await.result(database.submit(jdbc -> hasher.hash("pw"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tavern-db-");
    }

    @Test
    void aFullQueueRefusesAHashAtOnceWithServerBusyAndNeverRunsIt() throws Exception {
        BoundedExecutor pool = new BoundedExecutor(PasswordHashing.NAMING, 1, 1, Duration.ofSeconds(5), registry);
        hashing = new PasswordHashing(hasher, pool);
        CountDownLatch started = new CountDownLatch(1);
        pool.submit(() -> {
            started.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> queued = hashing.hash("first in line");

        CompletableFuture<String> refused = hashing.hash("one too many");

        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ServerBusyException.class)
                .withMessageContaining("the password hashing queue is full");
        assertThat(registry.get("tavern.hash.rejected").counter().count()).isEqualTo(1);
        release.countDown();
        assertThat(Await.result(queued)).startsWith("$argon2id$");
    }

    /** A hash at the cheapest cost, made where hashes are made. */
    private String cheapHash(String password) throws Exception {
        try (PasswordHashing cheap = new PasswordHashing(hasher, 1, 1, new SimpleMeterRegistry())) {
            return Await.result(cheap.hash(password));
        }
    }
}
