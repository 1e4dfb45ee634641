package io.tavern.server.admin;

import io.tavern.db.moderation.Sanction;
import java.time.Instant;

/**
 * A ban or a mute in force. {@code until} is null for a permanent one.
 *
 * @param user    the name it was put on, or for an address ban or mute the range in canonical CIDR form
 * @param account the id of the account it follows whatever its name; null for one on a name no account had
 *                when it was put, and for an address ban or mute
 */
public record SanctionView(String user, Instant until, boolean permanent, String reason, String by, Instant createdAt,
                           Long account) {

    static SanctionView of(Sanction sanction) {
        return new SanctionView(sanction.user(), sanction.until(), sanction.isPermanent(), sanction.reason(),
                sanction.by(), sanction.createdAt(), sanction.accountId());
    }
}
