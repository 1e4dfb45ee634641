package io.tavern.server.moderation;

import io.tavern.db.moderation.AddressBanStore;
import io.tavern.db.moderation.BanStore;
import io.tavern.db.moderation.MuteStore;
import io.tavern.db.moderation.ReportStore;
import io.tavern.server.persistence.Housekeeping;
import io.tavern.server.session.SessionRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bans, mutes and address bans, their expiry sweep, and players' reports: {@code tavern.moderation.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModerationProperties.class)
public class ModerationConfiguration {

    @Bean
    Moderation moderation(BanStore bans, MuteStore mutes, AddressBanStore addressBans, SessionRegistry registry,
                          ModerationProperties properties, Housekeeping housekeeping) {
        Moderation moderation = new Moderation(bans, mutes, addressBans, registry,
                new Moderation.AddressBanPolicy(properties.refuseGuestsFromBannedRanges(),
                        properties.refuseAccountsFromBannedRanges()));
        housekeeping.every("moderation sweep", properties.sweepInterval(),
                () -> moderation.sweepExpired(properties.sweepBatchSize()));
        return moderation;
    }

    @Bean
    ReportRequestHandler reportRequestHandler(ReportStore reports, ModerationProperties properties) {
        return new ReportRequestHandler(reports, properties.reports());
    }
}
