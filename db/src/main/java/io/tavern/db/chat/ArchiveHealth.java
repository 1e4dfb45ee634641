package io.tavern.db.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the archive's writes are going: for readiness ({@link #healthy()}), metrics and logs.
 *
 * <p>Only the flusher thread reports; any thread reads. While the database is down the flusher retries
 * every few seconds, so failures are logged once and then at most every {@link #LOG_QUIET_TIME}, and the
 * recovery once: the log stays readable through an outage.
 */
final class ArchiveHealth {

    static final Duration LOG_QUIET_TIME = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ChatArchive.class);

    private final Clock clock;
    private final Counter written;
    private final Counter failures;
    private final Counter invalid;
    private final Counter conflicts;
    private final Timer batchLatency;
    private volatile ArchiveFailure failure;
    private Instant lastLogged;
    private Instant lastConflictLogged;
    private long conflictsNotLogged;

    ArchiveHealth(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.written = Counter.builder("tavern.db.archive.written")
                .description("chat messages written to the archive table").register(registry);
        this.failures = Counter.builder("tavern.db.archive.write.failures")
                .description("failed attempts to write a batch of chat messages; each is retried").register(registry);
        this.invalid = Counter.builder("tavern.db.archive.invalid")
                .description("chat messages the database refused for good (a constraint); logged, not archived")
                .register(registry);
        this.conflicts = Counter.builder("tavern.db.archive.conflicts")
                .description("chat messages not written because another message holds their id; a bug, logged")
                .register(registry);
        this.batchLatency = Timer.builder("tavern.db.archive.batch.latency")
                .description("time to store one batch, from its first write attempt, retries included")
                .register(registry);
    }

    List<Meter> meters() {
        return List.of(written, failures, invalid, conflicts, batchLatency);
    }

    /**
     * The database answered for a whole batch: what is stored counts as written, conflicts and refusals
     * as failures of their own.
     *
     * @param tookNanos from the batch's first write attempt until the answer
     */
    void answered(BatchOutcome outcome, long tookNanos) {
        outcome.refused().forEach(refusal -> refusedForGood(refusal.message(), refusal.reason()));
        if (!outcome.conflicts().isEmpty()) {
            conflicted(outcome.conflicts());
        }
        stored(outcome.stored(), tookNanos);
    }

    private void stored(int messages, long tookNanos) {
        batchLatency.record(tookNanos, TimeUnit.NANOSECONDS);
        written.increment(messages);
        ArchiveFailure ended = failure;
        if (ended != null) {
            failure = null;
            lastLogged = null;
            log.info("Chat archive writes again, after {} failed attempts since {}", ended.attempts(), ended.since());
        }
    }

    void failed(Throwable error) {
        failures.increment();
        Instant now = clock.instant();
        ArchiveFailure previous = failure;
        failure = previous == null
                ? new ArchiveFailure(error, now, 1)
                : new ArchiveFailure(error, previous.since(), previous.attempts() + 1);
        if (lastLogged == null || Duration.between(lastLogged, now).compareTo(LOG_QUIET_TIME) >= 0) {
            lastLogged = now;
            log.warn("Chat archive cannot write ({} failed attempts since {}); it keeps the messages and retries: {}",
                    failure.attempts(), failure.since(), error.toString());
        }
    }

    /**
     * Messages whose key another, different message holds: not archived. Ids are minted unique, so this is
     * a bug (or a node id leased twice); said loudly, with the ids, at most every {@link #LOG_QUIET_TIME}.
     */
    private void conflicted(List<ArchivedMessage> messages) {
        conflicts.increment(messages.size());
        Instant now = clock.instant();
        if (lastConflictLogged != null && Duration.between(lastConflictLogged, now).compareTo(LOG_QUIET_TIME) < 0) {
            conflictsNotLogged += messages.size();
            return;
        }
        lastConflictLogged = now;
        List<String> ids = messages.stream().limit(20).map(m -> m.channel() + " #" + m.id()).toList();
        log.error("{} chat messages NOT archived: their ids are already stored with other content ({}{}); {} more "
                + "since the last report", messages.size(), String.join(", ", ids), messages.size() > ids.size() ? ", ..." : "",
                conflictsNotLogged);
        conflictsNotLogged = 0;
    }

    /** A message no retry can store: the table's constraints refuse it. Said loudly, since it is not archived. */
    private void refusedForGood(ArchivedMessage message, Throwable error) {
        invalid.increment();
        log.error("The database refused chat message {} #{} for good; it is not archived: {}",
                message.channel(), message.id(), error.toString());
    }

    boolean healthy() {
        return failure == null;
    }

    Optional<ArchiveFailure> lastFailure() {
        return Optional.ofNullable(failure);
    }
}
