package io.tavern.server.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.server.config.ConfigurationValues;
import io.tavern.server.identity.Attempt;
import io.tavern.server.identity.AttemptKind;
import io.tavern.server.identity.AttemptListener;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the attempt policies decide, as metrics and a log an attacker cannot flood:
 * {@code tavern.auth.attempts{kind, outcome}} for attempts checked (kind {@code login}, {@code room_password},
 * {@code registration}; outcome {@code succeeded}, {@code failed}, {@code abandoned}),
 * {@code tavern.auth.refusals{kind, limit}} for attempts refused before any check ({@code TOO_MANY_ATTEMPTS};
 * limit {@code name}, {@code room} or {@code address}), and a warning when a name, room or address must
 * start to wait, at most one line every {@link QuietLog#QUIET_TIME}.
 */
final class AttemptMetrics implements AttemptListener {

    private static final Logger log = LoggerFactory.getLogger(AttemptMetrics.class);

    private final MeterRegistry registry;
    private final QuietLog blocks;

    AttemptMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.blocks = QuietLog.warn(log);
    }

    @Override
    public void ended(AttemptKind kind, Attempt.Outcome outcome) {
        // The registry keeps one counter per tag set; asking again finds it.
        Counter.builder("tavern.auth.attempts")
                .description("password checks and registrations that ran, by outcome")
                .tag("kind", tag(kind))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void refused(AttemptKind kind, Limit limit) {
        Counter.builder("tavern.auth.refusals")
                .description("attempts refused with TOO_MANY_ATTEMPTS before any check ran, by the limit that refused")
                .tag("kind", tag(kind))
                .tag("limit", limit == Limit.SUBJECT ? kind.subject() : "address")
                .register(registry)
                .increment();
    }

    @Override
    public void blocked(AttemptKind kind, Limit limit, String key, int failures, Duration wait) {
        blocks.log("{} attempts for {} {} must wait {} after {} failures", tag(kind),
                limit == Limit.SUBJECT ? kind.subject() : "address", key, ConfigurationValues.text(wait), failures);
    }

    private static String tag(AttemptKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
