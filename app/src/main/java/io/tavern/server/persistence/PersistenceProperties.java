package io.tavern.server.persistence;

import io.tavern.server.config.DataSizeRange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tavern.db.*}: where the database is and how much of it Tavern uses. With no url the server
 * runs on an embedded H2 file database under {@code embedded-dir}; {@code TAVERN_DB_URL} (or Spring's
 * {@code spring.datasource.url}) points it at PostgreSQL. Validated at start like {@code tavern.*}.
 *
 * @param url           JDBC url of the database (PostgreSQL); unset or empty = the embedded H2 database
 * @param user          database user
 * @param password      database password
 * @param embeddedDir   directory of the embedded database; one server per directory
 * @param poolSize      threads of the DB executor, which runs players' and operators' work, and as many
 *                      connections; the pool has 3 more for the background lane (chat archive, readiness ping,
 *                      node-id leases), which never waits behind the players
 * @param queueCapacity database tasks queued before requests are refused with SERVER_BUSY
 * @param maxInFlightPerSession database requests of one session in flight at once; one more is refused with
 *                      RATE_LIMITED and a retry hint (not queued)
 * @param archive       the write-behind chat archive
 * @param retention     how long archived chat is kept; older messages are deleted in batches, off the hot path.
 *                      Unset (the default): kept for good. Deleting players' words is a studio's decision,
 *                      made with its own legal obligations in view (some must keep chat for a time, data
 *                      minimisation asks to delete it), so no server update ever starts deleting by itself
 * @param retentionBatchSize    archive chunks deleted per transaction by the retention purge (default 1000; a chunk
 *                              is a channel's messages of one archive batch, deleted once its newest is older than
 *                              the retention): each batch is a short transaction of its own, queued behind whatever
 *                              the DB executor holds
 * @param retentionInterval     how often the retention purge runs (default 10m)
 */
@Validated
@ConfigurationProperties("tavern.db")
public record PersistenceProperties(
        @Pattern(regexp = "(jdbc:.+)?", message = "must be a JDBC url, such as jdbc:postgresql://db.example:5432/tavern")
        String url,
        String user,
        String password,
        @NotNull @DefaultValue("data") Path embeddedDir,
        @Range(min = 1, max = 1000) @DefaultValue("8") int poolSize,
        @Range(min = 1, max = 10_000_000) @DefaultValue("10000") int queueCapacity,
        @Range(min = 1, max = 1000) @DefaultValue("2") int maxInFlightPerSession,
        @Valid @DefaultValue Archive archive,
        @DurationMin(hours = 1) Duration retention,
        @Range(min = 1, max = 100_000) @DefaultValue("1000") int retentionBatchSize,
        @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("10m") Duration retentionInterval) {

    /** Whether archived chat is ever deleted. */
    public boolean retains() {
        return retention != null;
    }

    /**
     * The write-behind chat archive.
     *
     * @param queueBytes    memory the messages waiting to be written may take; past it chat is refused with
     *                      SERVER_BUSY (default 64MB, some 200 000 typical messages; 1MB..8GB)
     * @param batchSize     messages per write; a full batch is written at once (default 10000); each channel's
     *                      share of a batch is stored as one chunk, so larger batches make fewer, fuller rows
     * @param flushInterval the longest a message waits for its batch to fill (default 100ms)
     */
    public record Archive(
            @DataSizeRange(min = "1MB", max = "8GB") @DefaultValue("64MB") DataSize queueBytes,
            @Range(min = 1, max = 100_000) @DefaultValue("10000") int batchSize,
            @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("100ms") Duration flushInterval) {
    }
}
