package io.tavern.db.moderation;

import java.time.Instant;

/**
 * A player's report of another player, as stored.
 *
 * @param id               increasing in the order reports were filed
 * @param reporter         the name the reporter went by
 * @param reporterIdentity {@code account:<id>} or {@code guest:<session id>}: who it was, whatever its name
 * @param reporterAddress  the reporter's address block (an IPv4 address, an IPv6 /64)
 * @param reported         the name reported
 * @param reason           why, as sanitised text
 * @param roomId           the reporter's room when it reported; {@code null} in the lobby
 * @param roomName         that room's name; {@code null} in the lobby
 * @param createdAt        when it was filed
 */
public record PlayerReport(long id, String reporter, String reporterIdentity, String reporterAddress, String reported,
                           String reason, String roomId, String roomName, Instant createdAt) {
}
