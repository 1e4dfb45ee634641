package io.tavern.server.observability;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread ({@code tavern-sampler}) that runs the periodic observations: send-queue samples,
 * the chat rate, database pings. Every task is short and never blocks (a ping is handed to the DB
 * executor and its answer arrives there), so one thread serves them all.
 */
final class Samplers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Samplers.class);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("tavern-sampler", true));

    /** Runs {@code task} now and then every {@code period}. */
    void every(Duration period, String name, Runnable task) {
        timer.scheduleAtFixedRate(() -> runGuarded(name, task), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A scheduled task that throws is never run again; a sampler must survive one bad run. */
    private static void runGuarded(String name, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("sampler {} failed; it runs again at its next period", name, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
