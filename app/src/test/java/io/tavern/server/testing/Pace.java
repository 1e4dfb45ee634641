package io.tavern.server.testing;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Load at a rate: a tick every period, on a scheduler thread of its own, rather than a test thread that
 * sleeps between sends. A tick that comes late is run at once (the rate is kept on average, as a flood keeps it).
 */
public final class Pace {

    /** One tick; its number counts from 0. Returns false to stop early. */
    @FunctionalInterface
    public interface Tick {
        boolean run(int number) throws Exception;
    }

    private Pace() {
    }

    /**
     * Runs {@code tick} every {@code period}, {@code ticks} times or until it returns false, and returns
     * then; rethrows what a tick threw.
     */
    public static void every(Duration period, int ticks, Tick tick) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("pace", true));
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] next = {0}; // the scheduler's thread only
        try {
            scheduler.scheduleAtFixedRate(() -> {
                try {
                    if (next[0] >= ticks || !tick.run(next[0]++)) {
                        done.complete(null);
                    }
                } catch (Exception | AssertionError failed) {
                    done.completeExceptionally(failed);
                }
            }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
            done.get(period.multipliedBy(ticks).plusMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) failed.getCause();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
