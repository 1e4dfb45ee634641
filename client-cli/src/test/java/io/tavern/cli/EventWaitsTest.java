package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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

        // A wait of ten minutes that the disconnect ends: it returns long before the half minute that turns a
        // wait sitting out its time into a failure.
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> waits.await("chat", 600_000))).isFalse();
    }
}
