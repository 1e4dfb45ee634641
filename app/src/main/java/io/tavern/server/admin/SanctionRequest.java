package io.tavern.server.admin;

import java.time.Instant;

/**
 * The body of {@code PUT /admin/api/bans/{user}} and {@code PUT /admin/api/mutes/{user}}.
 *
 * @param until  when it ends (ISO-8601, e.g. {@code 2026-12-01T00:00:00Z}); absent for good
 * @param reason shown to the user; optional, at most 500 characters
 */
public record SanctionRequest(Instant until, String reason) {
}
