package io.tavern.server.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.db.Database;
import io.tavern.db.DatabaseConfig;
import io.tavern.db.account.AccountStore;
import io.tavern.db.account.PasswordHasher;
import io.tavern.db.account.PasswordHashing;
import io.tavern.db.account.PasswordHashingConfig;
import io.tavern.db.audit.AuditStore;
import io.tavern.db.chat.ChatArchive;
import io.tavern.db.chat.ChatArchiveConfig;
import io.tavern.db.chat.ChatHistoryStore;
import io.tavern.db.chat.ChatRetention;
import io.tavern.db.moderation.AddressSanctionStore;
import io.tavern.db.moderation.ReportStore;
import java.time.Clock;
import io.tavern.db.moderation.NameSanctionStore;
import io.tavern.db.node.DatabaseNodeLeases;
import io.tavern.db.node.NodeLeases;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.config.TavernProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The persistence tier: the database (embedded H2 or PostgreSQL), its bounded DB executor, the
 * stores, and the write-behind chat archive. Every store call runs on the DB executor and returns a
 * future; nothing here is called from an event loop, and logic threads only ever get futures.
 *
 * <p>Shutdown order matters and Spring's destroy order (dependents first) gives it: the archive is
 * flushed and closed before the database it writes to.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersistenceProperties.class)
public class PersistenceConfiguration {

    @Bean(destroyMethod = "close")
    Database database(PersistenceProperties properties, TavernProperties tavern, MeterRegistry registry,
                      @Value("${spring.datasource.url:}") String springUrl,
                      @Value("${spring.datasource.username:}") String springUser,
                      @Value("${spring.datasource.password:}") String springPassword) {
        DatabaseConfig config = DatabaseConfig.embedded(properties.embeddedDir())
                .withPoolSize(properties.poolSize())
                .withQueueCapacity(properties.queueCapacity())
                .withCloseTimeout(tavern.shutdown().databaseDrain());
        if (properties.url() != null && !properties.url().isBlank()) {
            config = config.withUrl(properties.url(), properties.user(), properties.password());
        } else if (!springUrl.isBlank()) {
            config = config.withUrl(springUrl, springUser, springPassword);
        }
        try {
            return Database.open(config, registry);
        } catch (RuntimeException cannotOpen) {
            throw new DatabaseUnavailableException(config, cannotOpen);
        }
    }

    /** The {@code tavern-hash-*} threads: password hashes never run on DB threads, which do only JDBC. */
    @Bean(destroyMethod = "close")
    PasswordHashing passwordHashing(TavernProperties properties, MeterRegistry registry) {
        TavernProperties.Auth.PasswordHash config = properties.auth().passwordHash();
        PasswordHasher hasher = new PasswordHasher(
                new PasswordHashingConfig(config.memoryKib(), config.iterations(), config.parallelism()));
        return new PasswordHashing(hasher, config.effectiveThreads(), config.queueCapacity(),
                properties.shutdown().hashDrain(), registry);
    }

    /** The players' lane into the database: a few requests in flight per session. */
    @Bean
    SessionDbRequests sessionDbRequests(PersistenceProperties properties, MeterRegistry registry) {
        return new SessionDbRequests(properties.maxInFlightPerSession(), registry);
    }

    @Bean
    AccountStore accountStore(Database database, PasswordHashing hashing) {
        return new AccountStore(database, hashing);
    }

    @Bean
    NameSanctionStore nameSanctionStore(Database database) {
        return new NameSanctionStore(database);
    }

    @Bean
    AddressSanctionStore addressSanctionStore(Database database) {
        return new AddressSanctionStore(database);
    }

    @Bean
    ReportStore reportStore(Database database) {
        return new ReportStore(database);
    }

    /** Depends on the database, so that it stops before the database closes. */
    @Bean(destroyMethod = "close")
    Housekeeping housekeeping(Database database) {
        return new Housekeeping();
    }

    /** {@code tavern.db.retention}: only when set is archived chat ever deleted. */
    @Bean
    ChatRetention chatRetention(Database database, PersistenceProperties properties, Housekeeping housekeeping,
                                MeterRegistry registry) {
        ChatRetention retention = new ChatRetention(database);
        if (properties.retains()) {
            RetentionPurge purge = new RetentionPurge(retention, properties.retention(),
                    properties.retentionBatchSize(), Clock.systemUTC(), registry);
            housekeeping.every("chat retention purge", properties.retentionInterval(), purge::run);
        }
        return retention;
    }

    @Bean
    AuditStore auditStore(Database database) {
        return new AuditStore(database);
    }

    /** Node id leases in the database: what keeps message ids unique across the servers sharing it. */
    @Bean
    NodeLeases nodeLeases(Database database) {
        return new DatabaseNodeLeases(database);
    }

    @Bean
    ChatHistoryStore chatHistoryStore(Database database) {
        return new ChatHistoryStore(database);
    }

    @Bean(destroyMethod = "close")
    ChatArchive chatArchive(Database database, PersistenceProperties properties, TavernProperties tavern) {
        PersistenceProperties.Archive archive = properties.archive();
        return new ChatArchive(database, ChatArchiveConfig.defaults()
                .withQueueBytes(archive.queueBytes().toBytes())
                .withMaxBatchSize(archive.batchSize())
                .withFlushInterval(archive.flushInterval())
                .withCloseTimeout(tavern.shutdown().archiveFlush()));
    }

    @Bean
    ChatRecorder chatRecorder(ChatArchive archive) {
        return new ArchivingChatRecorder(archive);
    }
}
