package io.tavern.cli;

import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.ModerationEvent;
import java.time.Instant;

/**
 * What an operator told this player just before the server ended the session: a {@code Kicked}
 * from the server, or a {@code ModerationEvent} of type {@code BANNED}. The "disconnected" event
 * that follows carries it, so the end of a session reads as one line with who, why and until when.
 *
 * @param until the end of a ban (ISO-8601), or null when permanent or not a ban
 */
record OperatorNotice(String by, String because, String until) {

    static OperatorNotice of(Kicked kicked) {
        return new OperatorNotice(kicked.getBy(), kicked.getReason(), null);
    }

    static OperatorNotice of(ModerationEvent ban) {
        return new OperatorNotice(ban.getBy(), ban.getReason(),
                ban.getUntilMs() == 0 ? null : Instant.ofEpochMilli(ban.getUntilMs()).toString());
    }
}
