package io.tavern.db.exec;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DbExecutorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private DbExecutor executor;

    @AfterEach
    void closeExecutor() {
        release.countDown();
        if (executor != null) {
            executor.close(Duration.ofSeconds(5));
        }
    }

    /** Occupies one DB thread until {@link #release} is counted down; returns once it runs. */
    private CompletableFuture<String> occupyAThread() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> blocker = executor.submit(() -> {
            started.countDown();
            release.await();
            return "blocker";
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return blocker;
    }

    @Test
    void tasksRunOnThreadsNamedTavernDb() {
        executor = new DbExecutor(3, 100, Duration.ofSeconds(5), registry);

        List<CompletableFuture<String>> names = IntStream.range(0, 20)
                .mapToObj(i -> executor.submit(() -> Thread.currentThread().getName()))
                .toList();

        assertThat(names).allSatisfy(name -> assertThat(name).succeedsWithin(Duration.ofSeconds(5))
                .asString().matches("tavern-db-[123]"));
        assertThat(executor.threadCount()).isEqualTo(3);
    }

    @Test
    void aFullQueueRefusesAtOnceWithServerBusyAndNeverRunsTheRefusedTask() throws Exception {
        executor = new DbExecutor(1, 2, Duration.ofSeconds(5), registry);
        CompletableFuture<String> blocker = occupyAThread();
        CompletableFuture<String> second = executor.submit(() -> "second");
        CompletableFuture<String> third = executor.submit(() -> "third");
        assertThat(executor.queueDepth()).isEqualTo(2);

        AtomicBoolean refusedTaskRan = new AtomicBoolean();
        // "At once": room comes only when the blocker is released, after this, so a submit that waited for
        // room would never return; the time-out only turns such a hang into a failure.
        CompletableFuture<String> refused = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> executor.submit(() -> {
            refusedTaskRan.set(true);
            return "refused";
        }));

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ServerBusyException.class);
        assertThat(blocker).as("still running when the refusal came").isNotDone();
        assertThat(executor.queueDepth()).as("the queue does not grow past its capacity").isEqualTo(2);
        assertThat(registry.get("tavern.db.rejected").counter().count()).isEqualTo(1);

        release.countDown();
        assertThat(blocker).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("blocker");
        assertThat(second).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("second");
        assertThat(third).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("third");
        assertThat(executor.submit(() -> "after").get(5, TimeUnit.SECONDS)).isEqualTo("after");
        assertThat(refusedTaskRan).isFalse();
    }

    @Test
    void aFailingTaskFailsItsFutureWithItsOwnException() {
        executor = new DbExecutor(1, 2, Duration.ofSeconds(5), registry);
        IllegalStateException failure = new IllegalStateException("boom");

        CompletableFuture<Object> future = executor.submit(() -> {
            throw failure;
        });

        assertThat(future).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCause(failure);
        assertThat(executor.submit(() -> "still serving")).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void closeRunsWhatIsQueuedAndThenRefusesNewTasks() throws Exception {
        executor = new DbExecutor(1, 10, Duration.ofSeconds(5), registry);
        occupyAThread();
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> queued = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> executor.submit(() -> {
                    ran.add(i);
                    return i;
                }))
                .toList();

        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> executor.close(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(5)).until(executor::isClosed);
        CompletableFuture<String> lateTask = executor.submit(() -> "late");
        release.countDown();

        assertThat(closed).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
        assertThat(queued).allSatisfy(future -> assertThat(future).isCompleted());
        assertThat(ran).containsExactly(1, 2, 3, 4, 5);
        assertThat(lateTask).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isExactlyInstanceOf(RejectedExecutionException.class)
                .withMessageContaining("closed");
    }

    @Test
    void queueDepthAndTaskLatencyArePublished() throws Exception {
        executor = new DbExecutor(1, 10, Duration.ofSeconds(5), registry);
        occupyAThread();
        List<CompletableFuture<Integer>> queued = IntStream.range(0, 3).mapToObj(i -> executor.submit(() -> i)).toList();

        assertThat(registry.get("tavern.db.queue.depth").gauge().value()).isEqualTo(3.0);

        Thread.sleep(50); // the queued tasks wait at least this long: their latency must show it
        release.countDown();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        var latency = registry.get("tavern.db.task.latency").timer();
        assertThat(latency.count()).isEqualTo(4);
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50.0);
        assertThat(registry.get("tavern.db.queue.depth").gauge().value()).isZero();
    }

    @Test
    void aTaskCancelledWhileQueuedDoesNotRun() throws Exception {
        executor = new DbExecutor(1, 10, Duration.ofSeconds(5), registry);
        occupyAThread();
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Void> cancelled = executor.submit(() -> {
            ran.set(true);
            return null;
        });

        cancelled.cancel(false);
        release.countDown();

        assertThat(executor.submit(() -> "next").get(5, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(ran).isFalse();
    }
}
