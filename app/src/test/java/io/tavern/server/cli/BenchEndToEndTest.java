package io.tavern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.net.TavernServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** A few seconds of {@code tavern-cli bench} against the real server: its report, and nothing lost. */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.chat.rate-limit.per-second=0"})
class BenchEndToEndTest {

    @Autowired
    TavernServer server;

    @BeforeEach
    void jarIsBuilt() {
        CliProcess.assumeJarBuilt();
    }

    @Test
    void aShortBenchRunReportsItsFiguresAndLosesNoDelivery() throws Exception {
        try (CliProcess bench = CliProcess.start("bench", "--host", "127.0.0.1", "--port", String.valueOf(server.port()),
                "--clients", "40", "--room-size", "10", "--rate", "10", "--size", "64",
                "--duration", "3s", "--warmup", "1s", "--drain", "60s", "--json")) {
            // The drain ends as soon as every delivery has arrived; its length only bounds a delivery truly lost.
            bench.script();
            assertThat(bench.awaitExit()).isZero();
            JsonNode report = bench.lastLine();
            assertThat(report.path("clients").asInt()).isEqualTo(40);
            assertThat(report.path("connectErrors").asInt()).isZero();
            assertThat(report.path("sent").asLong()).isPositive();
            assertThat(report.path("expected").asLong()).isEqualTo(report.path("sent").asLong() * 10);
            assertThat(report.path("delivered").asLong()).isEqualTo(report.path("expected").asLong());
            assertThat(report.path("lost").asLong()).isZero();
            assertThat(report.path("deliveriesPerSecond").asDouble()).isPositive();
            JsonNode latency = report.path("latencyMs");
            assertThat(latency.path("p50").asDouble()).isPositive();
            assertThat(latency.path("p99").asDouble()).isGreaterThanOrEqualTo(latency.path("p50").asDouble());
            assertThat(latency.path("max").asDouble()).isGreaterThanOrEqualTo(latency.path("p999").asDouble());
            assertThat(report.path("errors").isObject()).isTrue();
        }
    }
}
