package io.tavern.server.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database chores on a schedule, off every hot path: the moderation sweep, the chat retention purge. A chore
 * is a function that queues its work on the DB executor and returns the future; the one
 * {@code tavern-housekeeping} thread only starts chores and never runs JDBC or waits. A chore's next run is
 * scheduled when its last one has finished, so a slow database never piles runs up.
 *
 * <p>A failing chore (the database is down, its queue is full) is logged once when it starts failing and once
 * when it works again, not at every run: the outage itself is reported elsewhere.
 */
public final class Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tavern-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code chore} every {@code interval}, the first time one interval from now.
     *
     * @param name for the log
     */
    public void every(String name, Duration interval, Supplier<? extends CompletableFuture<?>> chore) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chore, "chore");
        new Chore(name, interval.toMillis(), chore).schedule();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private final class Chore {

        private final String name;
        private final long intervalMillis;
        private final Supplier<? extends CompletableFuture<?>> work;
        private volatile boolean failing; // one run at a time, each on whichever thread completed it

        Chore(String name, long intervalMillis, Supplier<? extends CompletableFuture<?>> work) {
            this.name = name;
            this.intervalMillis = intervalMillis;
            this.work = work;
        }

        void schedule() {
            try {
                scheduler.schedule(this::run, intervalMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // shutting down: no more runs
            }
        }

        private void run() {
            CompletableFuture<?> running;
            try {
                running = work.get();
            } catch (RuntimeException refused) {
                running = CompletableFuture.failedFuture(refused);
            }
            running.whenComplete((done, failure) -> {
                if (failure != null && !failing) {
                    failing = true;
                    log.warn("{} failed; retrying every {} ms: {}", name, intervalMillis, failure.toString());
                } else if (failure == null && failing) {
                    failing = false;
                    log.info("{} works again", name);
                }
                schedule();
            });
        }
    }
}
