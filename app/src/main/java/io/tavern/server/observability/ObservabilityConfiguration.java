package io.tavern.server.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tavern.db.Database;
import io.tavern.db.chat.ChatArchive;
import io.tavern.server.config.TavernProperties;
import io.tavern.server.lobby.RoomDirectory;
import io.tavern.server.net.NetworkStats;
import io.tavern.server.net.TavernServer;
import io.tavern.server.persistence.DbFailures;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Metrics ({@code tavern.*} in Micrometer, scraped at {@code /actuator/prometheus}), the health
 * indicators ({@code gamePort}, in readiness; {@code database}, in health only) and the start-up summary. The tiers keep plain
 * counters and know nothing of Micrometer or Actuator; the binders here read them when scraped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityConfiguration {

    private static final Duration CHAT_RATE_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    @Bean
    ConnectionMetrics connectionMetrics(NetworkStats stats) {
        return new ConnectionMetrics(stats);
    }

    @Bean
    SendMetrics sendMetrics(SendStats stats) {
        return new SendMetrics(stats);
    }

    @Bean
    LobbyMetrics lobbyMetrics(SessionRegistry sessions, RoomDirectory rooms) {
        return new LobbyMetrics(sessions, rooms);
    }

    /** Requests refused because the database failed: the whole count behind DbFailures' quiet warning. */
    @Bean
    MeterBinder databaseUnavailableReplies() {
        return registry -> FunctionCounter.builder("tavern.db.unavailable.replies", DbFailures.class,
                        failures -> DbFailures.unavailableReplies())
                .description("requests answered SERVER_BUSY because the database failed (not for a full queue)")
                .register(registry);
    }

    @Bean
    LoginMetrics loginMetrics(MeterRegistry registry) {
        return new LoginMetrics(registry);
    }

    /** Hears the login, room password and registration policies. */
    @Bean
    AttemptMetrics attemptMetrics(MeterRegistry registry) {
        return new AttemptMetrics(registry);
    }

    @Bean
    BudgetMetrics budgetMetrics(MeterRegistry registry) {
        return new BudgetMetrics(registry);
    }

    @Bean
    ChatMetrics chatMetrics(MeterRegistry registry) {
        return new ChatMetrics(registry);
    }

    /** Static: post-processors are created before the configuration class itself. */
    @Bean
    static ChatRecorderInstrumentation chatRecorderInstrumentation(ObjectProvider<ChatMetrics> metrics) {
        return new ChatRecorderInstrumentation(metrics);
    }

    @Bean
    DatabaseReachability databaseReachability(Database database, ObservabilityProperties properties) {
        return new DatabaseReachability(database, properties.databaseCheckPatience(), Clock.systemUTC());
    }

    @Bean
    DatabaseMetrics databaseMetrics(DatabaseReachability reachability) {
        return new DatabaseMetrics(reachability);
    }

    @Bean(destroyMethod = "close")
    Samplers samplers(ObservabilityProperties properties, SessionRegistry sessions, MeterRegistry registry,
                      ChatMetrics chat, DatabaseReachability database) {
        Samplers samplers = new Samplers();
        samplers.every(properties.sendQueueSampleInterval(), "send-queue", new SendQueueSampler(sessions, registry));
        samplers.every(CHAT_RATE_SAMPLE_INTERVAL, "chat-rate", chat::sampleRate);
        samplers.every(properties.databaseCheckInterval(), "database-ping", database::check);
        return samplers;
    }

    @Bean
    GamePortHealthIndicator gamePortHealthIndicator(TavernServer server) {
        return new GamePortHealthIndicator(server);
    }

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DatabaseReachability reachability, ChatArchive archive) {
        return new DatabaseHealthIndicator(reachability, archive);
    }

    @Bean
    StartupSummary startupSummary(TavernServer server, Database database, Environment environment,
                                  TavernProperties properties) {
        return new StartupSummary(server, database, environment, properties.shutdown());
    }
}
