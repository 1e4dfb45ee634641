package io.tavern.server.admin;

import io.tavern.db.moderation.PlayerReport;
import java.time.Instant;

/**
 * A player's report of another.
 *
 * @param reporterIdentity {@code account:<id>} or {@code guest:<session id>}
 * @param reporterAddress  the reporter's IPv4 address or IPv6 /64
 * @param roomId           the reporter's room when it reported; null in the lobby
 */
public record ReportView(long id, String reporter, String reporterIdentity, String reporterAddress, String reported,
                         String reason, String roomId, String roomName, Instant createdAt) {

    static ReportView of(PlayerReport report) {
        return new ReportView(report.id(), report.reporter(), report.reporterIdentity(), report.reporterAddress(),
                report.reported(), report.reason(), report.roomId(), report.roomName(), report.createdAt());
    }
}
