package io.tavern.server.moderation;

import io.tavern.db.moderation.AddressSanctionStore;
import io.tavern.db.moderation.NameSanctionStore;
import io.tavern.db.moderation.ReportStore;
import io.tavern.server.persistence.Housekeeping;
import io.tavern.server.session.SessionRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bans and mutes by name, account and address range, their expiry sweep, and players' reports: {@code tavern.moderation.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModerationProperties.class)
public class ModerationConfiguration {

    @Bean
    Moderation moderation(NameSanctionStore names, AddressSanctionStore addressSanctions,
                          SessionRegistry registry, ModerationProperties properties, Housekeeping housekeeping) {
        Moderation moderation = new Moderation(names, addressSanctions, registry,
                new Moderation.RangePolicy(properties.refuseGuestsFromBannedRanges(),
                        properties.refuseAccountsFromBannedRanges()),
                new Moderation.RangePolicy(true, properties.muteAccountsInMutedRanges()));
        housekeeping.every("moderation sweep", properties.sweepInterval(),
                () -> moderation.sweepExpired(properties.sweepBatchSize()));
        return moderation;
    }

    @Bean
    ReportRequestHandler reportRequestHandler(ReportStore reports, ModerationProperties properties) {
        return new ReportRequestHandler(reports, properties.reports());
    }
}
