package io.tavern.server.observability;

import io.tavern.db.chat.ChatArchive;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the database: DOWN while pings fail (see {@link DatabaseReachability}) or the chat
 * archive cannot write. Either way logins, bans and history fail and chat piles up in the archive's
 * queue, so new players are better sent elsewhere. Answers from what was last observed, at once.
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
