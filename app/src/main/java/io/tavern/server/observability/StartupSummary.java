package io.tavern.server.observability;

import io.tavern.db.Database;
import io.tavern.server.net.TavernServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/** One line once the server is ready: where to connect, which transport runs, which database. */
final class StartupSummary implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

    private final TavernServer server;
    private final Database database;
    private final Environment environment;

    StartupSummary(TavernServer server, Database database, Environment environment) {
        this.server = server;
        this.database = database;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info("Tavern ready: game port {} (transport {}, {} worker threads), HTTP port {}, database {}{}",
                server.port(), server.transportName(), server.workerThreads(),
                environment.getProperty("local.server.port", "?"),
                database.dialect().productName(), database.config().isEmbedded() ? " (embedded)" : "");
    }
}
