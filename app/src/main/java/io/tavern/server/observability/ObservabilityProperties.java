package io.tavern.server.observability;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tavern.observability.*}: how often the background observations run. Validated at start.
 *
 * @param sendQueueSampleInterval how often every session's send-queue size is sampled into
 *                                {@code tavern.send.queue.bytes}
 * @param databaseCheckInterval   how often readiness pings the database
 * @param databaseCheckPatience   how long a ping may stay unanswered before the database counts as
 *                                unreachable
 */
@Validated
@ConfigurationProperties("tavern.observability")
public record ObservabilityProperties(
        @DurationMin(millis = 10) @DurationMax(hours = 1) @DefaultValue("5s") Duration sendQueueSampleInterval,
        @DurationMin(millis = 10) @DurationMax(hours = 1) @DefaultValue("5s") Duration databaseCheckInterval,
        @DurationMin(millis = 10) @DurationMax(hours = 1) @DefaultValue("10s") Duration databaseCheckPatience) {
}
