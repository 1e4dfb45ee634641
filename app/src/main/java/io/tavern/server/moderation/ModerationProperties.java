package io.tavern.server.moderation;

import jakarta.validation.Valid;
import java.time.Duration;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tavern.moderation.*}: what an address ban refuses, whom an address mute silences, how soon ended sanctions are swept, and how often
 * a player may report others.
 *
 * <p>An address ban always refuses guests' logins and new accounts from the range while
 * {@code refuse-guests-from-banned-ranges} is on (the default): a banned guest must not come back under a new
 * name, nor as a fresh account. Accounts that exist log in unless {@code refuse-accounts-from-banned-ranges}
 * is on: ranges are shared (a school, a mobile carrier's NAT, a café), and a player who has an account in good
 * standing is not the one the range was banned for; a bad account is banned as an account.
 *
 * <p>An address mute silences guests from the range always, and accounts too while
 * {@code mute-accounts-in-muted-ranges} is on (the default): a mute is the lighter sanction (the player stays,
 * plays, reads), and a muted guest must not speak again by registering an account from the same address.
 *
 * @param refuseGuestsFromBannedRanges   guests and registrations from a banned range are refused (BANNED)
 * @param refuseAccountsFromBannedRanges accounts logging in from a banned range are refused too
 * @param muteAccountsInMutedRanges      accounts chatting from a muted range are refused (MUTED) as guests are
 * @param sweepInterval                  how often ended bans and mutes (by name, account or address) are removed; a player whose mute ended is
 *                                       told (ModerationEvent UNMUTED) at most this late (default 10s)
 * @param sweepBatchSize                 sanctions removed per database statement by the sweep (default 500)
 * @param reports                        players' reports
 */
@Validated
@ConfigurationProperties("tavern.moderation")
public record ModerationProperties(
        @DefaultValue("true") boolean refuseGuestsFromBannedRanges,
        @DefaultValue("false") boolean refuseAccountsFromBannedRanges,
        @DefaultValue("true") boolean muteAccountsInMutedRanges,
        @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("10s") Duration sweepInterval,
        @Range(min = 1, max = 10_000) @DefaultValue("500") int sweepBatchSize,
        @Valid @DefaultValue Reports reports) {

    /**
     * @param perReporter reports one reporter may file within {@code window} (default 5); a reporter is its
     *                    account, or for a guest its address block (an IPv4 address, an IPv6 /64), since a guest
     *                    can come back under a new name at will
     * @param window      the sliding window of {@code per-reporter} (default 1h)
     */
    public record Reports(
            @Range(min = 1, max = 10_000) @DefaultValue("5") int perReporter,
            @DurationMin(seconds = 1) @DurationMax(days = 7) @DefaultValue("1h") Duration window) {
    }
}
