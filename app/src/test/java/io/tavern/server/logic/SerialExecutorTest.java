package io.tavern.server.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An actor's turn on a logic thread is bounded by time, so an expensive actor cannot hold the thread. */
class SerialExecutorTest {

    private static final Duration BUDGET = Duration.ofMillis(1);

    private final LogicExecutor logic = new LogicExecutor(1, BUDGET, new LogicStats(new SimpleMeterRegistry()));
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        logic.shutdown(Duration.ofSeconds(2));
    }

    /** Work that outlasts the batch budget: a bounded spin on the clock, not a sleep. */
    private static void workFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void anActorWhoseTaskOutlastsTheBudgetStepsBackBehindAnotherWaitingActor() throws Exception {
        SerialExecutor expensive = logic.newSerialExecutor("expensive", 0);
        SerialExecutor cheap = logic.newSerialExecutor("cheap", 0);
        CountDownLatch done = new CountDownLatch(3);
        CountDownLatch bothQueued = new CountDownLatch(1);
        expensive.execute(() -> {
            await(bothQueued);
            ran.add("expensive-1");
            workFor(BUDGET.multipliedBy(2));
            done.countDown();
        });
        expensive.execute(() -> {
            ran.add("expensive-2");
            done.countDown();
        });
        cheap.execute(() -> {
            ran.add("cheap");
            done.countDown();
        });
        bothQueued.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("expensive-1", "cheap", "expensive-2");
    }

    @Test
    void anActorWithinItsBudgetRunsEverythingQueuedInOneTurnAndInOrder() throws Exception {
        LogicExecutor roomy = new LogicExecutor(1, Duration.ofSeconds(1), new LogicStats(new SimpleMeterRegistry()));
        try {
            SerialExecutor gate = roomy.newSerialExecutor("gate", 0);
            SerialExecutor room = roomy.newSerialExecutor("room", 0);
            SerialExecutor other = roomy.newSerialExecutor("other", 0);
            CountDownLatch done = new CountDownLatch(4);
            CountDownLatch allQueued = new CountDownLatch(1);
            gate.execute(() -> await(allQueued)); // holds the only logic thread while the others queue up
            room.execute(() -> record("room-1", done));
            room.execute(() -> record("room-2", done));
            other.execute(() -> record("other", done));
            room.execute(() -> record("room-3", done));
            allQueued.countDown();

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("room-1", "room-2", "room-3", "other");
        } finally {
            roomy.shutdown(Duration.ofSeconds(2));
        }
    }

    private void record(String task, CountDownLatch done) {
        ran.add(task);
        done.countDown();
    }

    @Test
    void anActorThatFollowsAnotherRunsItsLaterTasksOnTheOthersThread() throws Exception {
        LogicExecutor two = new LogicExecutor(2, BUDGET, new LogicStats(new SimpleMeterRegistry()));
        try {
            SerialExecutor player = two.newSerialExecutor("player", 0);
            SerialExecutor room = two.newSerialExecutor("room", 0); // the other thread: round robin
            assertThat(threadOf(room)).isNotEqualTo(threadOf(player));

            player.execute(() -> player.followTo(room));

            assertThat(threadOf(player)).isEqualTo(threadOf(room));
        } finally {
            two.shutdown(Duration.ofSeconds(2));
        }
    }

    @Test
    void anActorMovingBetweenThreadsRunsItsTasksOneAtATimeAndInOrder() throws Exception {
        LogicExecutor three = new LogicExecutor(3, BUDGET, new LogicStats(new SimpleMeterRegistry()));
        try {
            SerialExecutor mover = three.newSerialExecutor("mover", 0);
            SerialExecutor[] homes = {three.newSerialExecutor("home", "a", 0), three.newSerialExecutor("home", "b", 0)};
            int tasks = 20_000;
            int[] next = {0}; // plain: only the mover's tasks touch it, one at a time
            AtomicBoolean running = new AtomicBoolean();
            AtomicInteger outOfTurn = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(tasks);
            Thread[] producers = new Thread[2];
            AtomicInteger sequence = new AtomicInteger();
            Object submitOrder = new Object();
            for (int p = 0; p < producers.length; p++) {
                producers[p] = new Thread(() -> {
                    for (int i = 0; i < tasks / 2; i++) {
                        synchronized (submitOrder) { // one submission order to check against
                            int expected = sequence.getAndIncrement();
                            mover.execute(() -> {
                                if (!running.compareAndSet(false, true) || next[0] != expected) {
                                    outOfTurn.incrementAndGet();
                                }
                                next[0] = expected + 1;
                                if (expected % 97 == 0) {
                                    mover.followTo(homes[(expected / 97) % 2]);
                                }
                                running.set(false);
                                done.countDown();
                            });
                        }
                    }
                });
                producers[p].start();
            }
            for (Thread producer : producers) {
                producer.join();
            }

            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(outOfTurn).hasValue(0);
        } finally {
            three.shutdown(Duration.ofSeconds(2));
        }
    }

    @Test
    void onlyAnActorsOwnTaskMovesIt() {
        SerialExecutor player = logic.newSerialExecutor("player", 0);
        SerialExecutor room = logic.newSerialExecutor("room", 0);

        assertThatThrownBy(() -> player.followTo(room)).isInstanceOf(IllegalStateException.class);
    }

    private static String threadOf(SerialExecutor executor) throws Exception {
        CompletableFuture<String> name = new CompletableFuture<>();
        executor.execute(() -> name.complete(Thread.currentThread().getName()));
        return name.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBudgetMustBePositive() {
        LogicStats stats = new LogicStats(new SimpleMeterRegistry());
        assertThatThrownBy(() -> new LogicExecutor(1, Duration.ZERO, stats))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
