package io.tavern.server.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A logic thread's run queue: lock-free hand-offs that are never lost, whether the thread is busy or parked. */
class LogicThreadTest {

    private final LogicThread thread = new LogicThread(new DefaultThreadFactory("tavern-logic-test", true));

    @Test
    void handOffsFromManyThreadsAllRunEvenWhenTheThreadParksBetweenThem() throws Exception {
        thread.start();
        int producers = 4;
        int perProducer = 20_000;
        CountDownLatch ran = new CountDownLatch(producers * perProducer);
        List<Thread> started = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    thread.execute(ran::countDown);
                    if (i % 1000 == 0) {
                        Thread.yield(); // let the logic thread drain and park now and then
                    }
                }
            });
            producer.start();
            started.add(producer);
        }
        for (Thread producer : started) {
            producer.join();
        }
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        thread.shutdown();
        assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shutdownRunsWhatIsQueuedThenRefusesNewWork() throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            thread.execute(ran::countDown); // queued before the thread even runs
        }
        thread.start();
        thread.shutdown();

        assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.getCount()).isZero();
        assertThatThrownBy(() -> thread.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
