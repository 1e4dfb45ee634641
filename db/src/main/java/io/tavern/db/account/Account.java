package io.tavern.db.account;

import java.time.Instant;

/**
 * A registered account, without its password hash.
 *
 * @param name        the name as registered (its case is kept for display)
 * @param lastLoginAt the latest successful login, this one included; {@code null} before the first
 */
public record Account(long id, String name, Instant createdAt, Instant lastLoginAt) {
}
