package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventWaitsTest {

    private final EventWaits waits = new EventWaits();

    @Test
    void anEventThatCameBeforeTheWaitStillCountsOnce() throws Exception {
        waits.record("chat");

        assertThat(waits.await("chat", 10)).isTrue();
        assertThat(waits.await("chat", 10)).isFalse();
    }

    @Test
    void aWaitEndsWhenItsEventArrives() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return waits.await("member", 5_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        waits.record("chat");
        waits.record("member");

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aDisconnectEndsEveryWait() throws Exception {
        waits.record("disconnected");

        long start = System.nanoTime();
        assertThat(waits.await("chat", 5_000)).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    }
}
