package io.tavern.server.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tavern.observability.*}: how often the background observations run.
 *
 * @param sendQueueSampleInterval how often every session's send-queue size is sampled into
 *                                {@code tavern.send.queue.bytes}
 * @param databaseCheckInterval   how often readiness pings the database
 * @param databaseCheckPatience   how long a ping may stay unanswered before the database counts as
 *                                unreachable
 */
@ConfigurationProperties("tavern.observability")
public record ObservabilityProperties(
        @DefaultValue("5s") Duration sendQueueSampleInterval,
        @DefaultValue("5s") Duration databaseCheckInterval,
        @DefaultValue("10s") Duration databaseCheckPatience) {
}
