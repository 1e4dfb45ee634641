package io.tavern.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The guessing policy, on a clock the test moves: what is reserved, refused, waited for and forgotten. */
class LoginAttemptsTest {

    private static final AddressBlock HOME = new AddressBlock("192.0.2.1");
    private static final AddressBlock ELSEWHERE = new AddressBlock("198.51.100.7");
    private static final LoginAttempts.Limits LIMITS = new LoginAttempts.Limits(3, 10, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofMinutes(10));

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> blocks = new CopyOnWriteArrayList<>();
    private final List<AttemptListener.Limit> refusals = new CopyOnWriteArrayList<>();
    private final AttemptListener listener = new AttemptListener() {
        @Override
        public void refused(AttemptKind kind, Limit limit) {
            refusals.add(limit);
        }

        @Override
        public void blocked(AttemptKind kind, Limit limit, String key, int failures, Duration wait) {
            blocks.add(limit + " " + key + " " + failures + " " + wait.toSeconds() + "s");
        }
    };

    private LoginAttempts attempts(LoginAttempts.Limits limits) {
        return new LoginAttempts(AttemptKind.LOGIN, limits, listener, clock::get);
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    private static void fail(LoginAttempts attempts, String name, AddressBlock from) {
        Attempt attempt = attempts.reserve(name, from);
        assertThat(attempt.refused()).as("attempt for %s from %s", name, from.key()).isFalse();
        attempt.failed();
    }

    @Test
    void attemptsUnderWayCountSoParallelSessionsGetNoMoreThanTheLimit() {
        LoginAttempts attempts = attempts(LIMITS);

        List<Attempt> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(attempts.reserve("alice", new AddressBlock("192.0.2." + i)));
        }

        assertThat(all.stream().filter(attempt -> !attempt.refused())).hasSize(3);
        assertThat(all.stream().filter(Attempt::refused)).hasSize(17)
                .allSatisfy(refused -> assertThat(refused.retryAfterMillis()).isPositive());
        assertThat(refusals).hasSize(17).containsOnly(AttemptListener.Limit.SUBJECT);
    }

    @Test
    void twentyThreadsReservingAtOnceGetExactlyTheLimit() throws Exception {
        LoginAttempts attempts = attempts(LIMITS);
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Attempt>> reserved = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                reserved.add(threads.submit(() -> {
                    go.await();
                    return attempts.reserve("alice", HOME);
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Attempt> attempt : reserved) {
                granted += attempt.get(5, TimeUnit.SECONDS).refused() ? 0 : 1;
            }
            assertThat(granted).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theLimitThenAWaitThatDoublesWithEachFurtherFailureUpToTheLongest() {
        LoginAttempts attempts = attempts(LIMITS);
        fail(attempts, "alice", HOME);
        fail(attempts, "alice", HOME);
        fail(attempts, "alice", HOME);

        Attempt refused = attempts.reserve("alice", HOME);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.retryAfterMillis()).isEqualTo(10_000);
        assertThat(blocks).containsExactly("SUBJECT alice 3 10s");

        List<Long> waits = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            advance(Duration.ofMillis(attempts.reserve("alice", HOME).retryAfterMillis()));
            fail(attempts, "alice", HOME);
            waits.add(attempts.reserve("alice", HOME).retryAfterMillis());
        }
        assertThat(waits).containsExactly(20_000L, 40_000L, 60_000L, 60_000L, 60_000L);
    }

    @Test
    void onceAWaitIsOverOneAttemptAtATimeMayTry() {
        LoginAttempts attempts = attempts(LIMITS);
        for (int i = 0; i < 3; i++) {
            fail(attempts, "alice", HOME);
        }
        advance(Duration.ofSeconds(10));

        Attempt first = attempts.reserve("alice", HOME);
        Attempt second = attempts.reserve("alice", HOME);

        assertThat(first.refused()).isFalse();
        assertThat(second.refused()).isTrue();
    }

    @Test
    void anAddressIsLimitedAcrossNames() {
        LoginAttempts attempts = attempts(LIMITS);
        for (int i = 0; i < 10; i++) {
            fail(attempts, "name" + i, HOME);
        }

        assertThat(attempts.reserve("someone-new", HOME).refused()).isTrue();
        assertThat(refusals).containsExactly(AttemptListener.Limit.ADDRESS);
        assertThat(attempts.reserve("someone-new", ELSEWHERE).refused()).isFalse();
    }

    @Test
    void aSuccessForgivesTheNameButNotTheAddress() {
        LoginAttempts attempts = attempts(new LoginAttempts.Limits(3, 4, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofMinutes(10)));
        fail(attempts, "alice", HOME);
        fail(attempts, "alice", HOME);
        attempts.reserve("alice", HOME).succeeded();

        fail(attempts, "alice", ELSEWHERE);
        fail(attempts, "alice", ELSEWHERE);
        assertThat(attempts.reserve("alice", ELSEWHERE).refused()).as("two failures since the success").isFalse();

        fail(attempts, "bob", HOME);
        fail(attempts, "carol", HOME);
        assertThat(attempts.reserve("dave", HOME).refused()).as("HOME's 4 failures, 2 of them before the success")
                .isTrue();
    }

    @Test
    void anAttemptThatCheckedNothingIsNotCounted() {
        LoginAttempts attempts = attempts(LIMITS);
        for (int i = 0; i < 10; i++) {
            attempts.reserve("alice", HOME).abandoned();
        }

        assertThat(attempts.reserve("alice", HOME).refused()).isFalse();
    }

    @Test
    void failuresAreForgottenAfterAQuietSpellAndTheirCountsDropped() {
        LoginAttempts attempts = attempts(LIMITS);
        for (int i = 0; i < 3; i++) {
            fail(attempts, "alice", HOME);
        }
        assertThat(attempts.tallies()).isEqualTo(2);

        advance(Duration.ofMinutes(10));

        Attempt fresh = attempts.reserve("alice", HOME);
        assertThat(fresh.refused()).isFalse();
        fresh.abandoned();
        assertThat(attempts.tallies()).isZero();
    }

    @Test
    void anAttemptEndsOnceAndARefusedOneNever() {
        LoginAttempts attempts = attempts(LIMITS);
        Attempt attempt = attempts.reserve("alice", HOME);
        attempt.failed();
        attempt.failed();
        attempt.succeeded();
        fail(attempts, "alice", HOME);
        fail(attempts, "alice", HOME);

        Attempt refused = attempts.reserve("alice", HOME);
        assertThat(refused.refused()).as("three failures, not four, nor forgiven").isTrue();
        assertThatThrownBy(refused::failed).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLongestWaitDoesNotOverflowAfterManyFailures() {
        LoginAttempts attempts = attempts(new LoginAttempts.Limits(1, 1_000_000, Duration.ofMillis(1),
                Duration.ofDays(7), Duration.ofDays(7)));
        for (int i = 0; i < 80; i++) {
            advance(Duration.ofDays(7));
            Attempt attempt = attempts.reserve("alice", HOME);
            assertThat(attempt.refused()).isFalse();
            attempt.failed();
            assertThat(attempts.reserve("alice", HOME).retryAfterMillis()).isBetween(1L, Duration.ofDays(7).toMillis());
        }
    }
}
