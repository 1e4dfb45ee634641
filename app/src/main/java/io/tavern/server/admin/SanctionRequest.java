package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /admin/api/bans/{user}}, {@code PUT /admin/api/mutes/{user}} and of the address bans and
 * mutes ({@code PUT /admin/api/address-bans/{range}}, {@code /address-mutes/{range}}): how long,
 * as exactly one of {@code until}, {@code duration} or {@code permanent: true} (a permanent sanction
 * is never a default), and why. See {@link SanctionTerm}.
 */
@Schema(description = "How long, as exactly one of until, duration or permanent: true; and why. "
        + "Examples: {\"duration\": \"PT24H\", \"reason\": \"spam\"}, {\"until\": \"2030-01-01T00:00:00Z\"}, "
        + "{\"permanent\": true, \"reason\": \"cheating\"}.")
public record SanctionRequest(
        @Schema(description = "When it ends: " + ExpectedValue.INSTANT + ", in the future and at most "
                + SanctionTerm.MAX_YEARS + " years away", format = "date-time", example = "2030-01-01T00:00:00Z")
        String until,
        @Schema(description = "How long it lasts from now: " + ExpectedValue.DURATION + ", at most "
                + SanctionTerm.MAX_YEARS + " years", example = "PT24H")
        String duration,
        @Schema(description = "true for a sanction without an end; it must be asked for explicitly")
        Boolean permanent,
        @Schema(description = "Why, shown to the player; optional, at most " + Reason.MAX_LENGTH + " characters",
                example = "spamming the lobby")
        String reason) {
}
