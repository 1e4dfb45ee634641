package io.tavern.server.persistence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.db.chat.ChatRetention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tavern.db.retention}: deletes archived chat older than the retention, in batches of
 * {@code tavern.db.retention-batch-size}, one batch on the DB executor at a time (see {@link ChatRetention}),
 * run by {@link Housekeeping}. The archive's writes are never held back by more than one batch's transaction,
 * and the chunks the archive inserts are never the chunks the purge deletes. Counted in
 * {@code tavern.db.retention.purged}.
 */
public final class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final ChatRetention retention;
    private final Duration keep;
    private final int batchSize;
    private final Clock clock;
    private final Counter purged;

    public RetentionPurge(ChatRetention retention, Duration keep, int batchSize, Clock clock, MeterRegistry registry) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.keep = Objects.requireNonNull(keep, "keep");
        this.batchSize = batchSize;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purged = Counter.builder("tavern.db.retention.purged")
                .description("archived chat messages deleted for being older than tavern.db.retention")
                .register(registry);
    }

    /** Deletes every message older than the retention, batch after batch. */
    public CompletableFuture<Long> run() {
        Instant cutoff = clock.instant().minus(keep);
        return retention.purge(cutoff, batchSize, purged::increment).whenComplete((total, failure) -> {
            if (failure == null && total > 0) {
                log.info("chat retention: deleted {} messages sent before {}", total, cutoff);
            }
        });
    }
}
