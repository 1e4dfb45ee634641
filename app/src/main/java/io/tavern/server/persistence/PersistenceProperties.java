package io.tavern.server.persistence;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tavern.db.*}: where the database is and how much of it Tavern uses. With no url the server
 * runs on an embedded H2 file database under {@code embedded-dir}; {@code TAVERN_DB_URL} (or Spring's
 * {@code spring.datasource.url}) points it at PostgreSQL.
 */
@ConfigurationProperties("tavern.db")
public record PersistenceProperties(
        String url,
        String user,
        String password,
        @DefaultValue("data") Path embeddedDir,
        @DefaultValue("8") int poolSize,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue Archive archive) {

    /**
     * The write-behind chat archive.
     *
     * @param queueBytes    memory the messages waiting to be written may take; past it chat is refused with
     *                      SERVER_BUSY (default 64MB, some 200 000 typical messages)
     * @param batchSize     messages per write; a full batch is written at once (default 2000)
     * @param flushInterval the longest a message waits for its batch to fill (default 100ms)
     */
    public record Archive(
            @DefaultValue("64MB") DataSize queueBytes,
            @DefaultValue("2000") int batchSize,
            @DefaultValue("100ms") Duration flushInterval) {
    }
}
