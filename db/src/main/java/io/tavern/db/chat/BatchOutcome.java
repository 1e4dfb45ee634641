package io.tavern.db.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of a batch the database answered.
 *
 * @param stored    messages now in the table: written by this call, or found there already exactly as they
 *                  are (an earlier attempt committed, and only its acknowledgement was lost)
 * @param conflicts messages not written because another chunk holds their chunk's key (channel, last id): ids are
 *                  minted unique, so each is a bug, counted as a failure and logged, never as written
 * @param refused   messages the database refuses for good (a constraint no retry can satisfy)
 */
record BatchOutcome(int stored, List<ArchivedMessage> conflicts, List<Refusal> refused) {

    /** A message refused for good, and what the database said. */
    record Refusal(ArchivedMessage message, Exception reason) {
    }

    BatchOutcome {
        conflicts = List.copyOf(conflicts);
        refused = List.copyOf(refused);
    }

    /** This outcome, with {@code more} messages counted as conflicts too. */
    BatchOutcome withConflicts(List<ArchivedMessage> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<ArchivedMessage> all = new ArrayList<>(conflicts);
        all.addAll(more);
        return new BatchOutcome(stored, all, refused);
    }

    static BatchOutcome allStored(int count) {
        return new BatchOutcome(count, List.of(), List.of());
    }
}
