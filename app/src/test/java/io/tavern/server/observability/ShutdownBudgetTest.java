package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.config.TavernProperties;
import io.tavern.server.testing.RunningServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every wait of a graceful shutdown is a {@code tavern.shutdown.*} key, and the server says at start-up
 * how long its shutdown may take in all: what a platform's grace period must allow.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownBudgetTest {

    @Test
    void theStartUpLogSaysTheShutdownBudgetAndEachOfItsWaits(CapturedOutput output) {
        try (RunningServer server = RunningServer.start("tavern.shutdown.network-drain=3s",
                "tavern.shutdown.network-close=1s", "tavern.shutdown.http-drain=4s", "tavern.shutdown.logic-drain=500ms",
                "tavern.shutdown.hash-drain=500ms", "tavern.shutdown.node-release=1s",
                "tavern.shutdown.archive-flush=6s", "tavern.shutdown.database-drain=2s")) {
            TavernProperties.Shutdown budget = server.bean(TavernProperties.class).shutdown();

            assertThat(budget.total()).isEqualTo(Duration.ofSeconds(18));
            assertThat(output.getAll()).containsOnlyOnce("Shutdown budget 18s: network-drain 3s + network-close 1s"
                    + " + http-drain 4s + logic-drain 500ms + hash-drain 500ms + node-release 1s + archive-flush 6s"
                    + " + database-drain 2s");
            assertThat(server.context().getEnvironment().getProperty("spring.lifecycle.timeout-per-shutdown-phase"))
                    .as("Spring's graceful shutdown of the HTTP server follows tavern.shutdown.http-drain").isEqualTo("4s");
        }
    }

    @Test
    void theDefaultBudgetFitsTheHelmChartsDefaultGracePeriod() {
        TavernProperties defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("tavern", TavernProperties.class);

        // The chart's defaults: a 60 s grace period, less a 10 s preStop sleep and a 5 s margin.
        assertThat(defaults.shutdown().total()).isEqualTo(Duration.ofSeconds(38))
                .isLessThanOrEqualTo(Duration.ofSeconds(60 - 10 - 5));
    }
}
