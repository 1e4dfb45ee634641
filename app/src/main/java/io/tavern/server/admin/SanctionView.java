package io.tavern.server.admin;

import io.tavern.db.moderation.Sanction;
import java.time.Instant;

/** A ban or a mute in force. {@code until} is null for a permanent one. */
public record SanctionView(String user, Instant until, boolean permanent, String reason, String by, Instant createdAt) {

    static SanctionView of(Sanction sanction) {
        return new SanctionView(sanction.user(), sanction.until(), sanction.isPermanent(), sanction.reason(),
                sanction.by(), sanction.createdAt());
    }
}
