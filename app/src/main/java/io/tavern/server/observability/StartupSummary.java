package io.tavern.server.observability;

import io.tavern.db.Database;
import io.tavern.server.config.ConfigurationValues;
import io.tavern.server.config.TavernProperties;
import io.tavern.server.net.TavernServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/**
 * Once the server is ready: one line saying where to connect, which transport runs, which database; and
 * one line with the shutdown budget, the longest a graceful shutdown may take, and each of its waits.
 */
final class StartupSummary implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

    private final TavernServer server;
    private final Database database;
    private final Environment environment;
    private final TavernProperties.Shutdown shutdown;

    StartupSummary(TavernServer server, Database database, Environment environment, TavernProperties.Shutdown shutdown) {
        this.server = server;
        this.database = database;
        this.environment = environment;
        this.shutdown = shutdown;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info("Tavern ready: game port {} (transport {}, {} worker threads), HTTP port {}, database {}{}",
                server.port(), server.transportName(), server.workerThreads(),
                environment.getProperty("local.server.port", "?"),
                database.dialect().productName(), database.config().isEmbedded() ? " (embedded)" : "");
        log.info("Shutdown budget {}: {}; a platform's grace period must allow it, plus a margin",
                ConfigurationValues.text(shutdown.total()), describe(shutdown.terms()));
    }

    /** {@code network-drain 10s + network-close 2s + ...}, each by its key under {@code tavern.shutdown}. */
    static String describe(Map<String, Duration> terms) {
        return terms.entrySet().stream().map(term -> term.getKey() + " " + ConfigurationValues.text(term.getValue()))
                .collect(Collectors.joining(" + "));
    }

}
