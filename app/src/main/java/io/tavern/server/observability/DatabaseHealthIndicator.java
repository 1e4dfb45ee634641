package io.tavern.server.observability;

import io.tavern.db.chat.ChatArchive;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the database: DOWN while pings fail (see {@link DatabaseReachability}) or the chat archive
 * cannot write. Either way logins, bans and history fail and chat piles up in the archive's queue.
 *
 * <p>Not part of readiness: chat goes on through an outage (the archive queues it, message ids last the
 * node lease's time-to-live), so a server whose database is away can still serve its players, and taking
 * the only replica out of its Service would cut them all off. {@code /actuator/health} (and so this
 * component) reports the outage; so do {@code tavern.db.available} and {@code tavern.db.outages}.
 * Answers from what was last observed, at once.
 */
final class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseReachability reachability;
    private final ChatArchive archive;

    DatabaseHealthIndicator(DatabaseReachability reachability, ChatArchive archive) {
        this.reachability = reachability;
        this.archive = archive;
    }

    @Override
    public Health health() {
        DatabaseReachability.State state = reachability.current();
        boolean archiveWrites = archive.healthy();
        Health.Builder health = state.reachable() && archiveWrites ? Health.up() : Health.down();
        health.withDetail("reachable", state.reachable())
                .withDetail("since", state.since().toString())
                .withDetail("outages", reachability.outages())
                .withDetail("archiveWrites", archiveWrites)
                .withDetail("archiveBacklog", archive.backlog());
        if (state.error() != null) {
            health.withDetail("error", state.error());
        }
        archive.lastError().ifPresent(failure -> health
                .withDetail("archiveError", failure.error().toString())
                .withDetail("archiveFailingSince", failure.since().toString()));
        return health.build();
    }
}
