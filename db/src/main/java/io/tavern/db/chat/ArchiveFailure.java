package io.tavern.db.chat;

import java.time.Instant;

/**
 * Why the chat archive cannot write at the moment.
 *
 * @param error    the latest failure
 * @param since    when the first failure in this row happened
 * @param attempts failed attempts in a row
 */
public record ArchiveFailure(Throwable error, Instant since, int attempts) {
}
