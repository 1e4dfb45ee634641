package io.tavern.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tavern.cli.TavernCliAccess;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.testserver.TestTavernServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tavern-cli bench} for a few seconds against the test server. */
class BenchCommandTest {

    private TestTavernServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = TestTavernServer.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode bench(String... options) {
        return benchShowing("Measuring for", options);
    }

    private JsonNode benchShowing(String progressShows, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"bench", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--json"},
                0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        int exit = TavernCliAccess.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        assertThat(err.toString()).contains(progressShows);
        return JsonMapper.builder().build().readTree(out.toString());
    }

    @Test
    void aRateLimitedRunDeliversEveryMessageToEveryRoomMemberAndReportsLatency() {
        JsonNode report = bench("--clients", "20", "--room-size", "5", "--rate", "20", "--size", "64",
                "--warmup", "500ms", "--duration", "2s", "--threads", "2", "--bind-address", "127.0.0.1-3",
                "--connect-rate", "200/s");

        assertThat(report.path("clients").asInt()).isEqualTo(20);
        assertThat(report.path("connectErrors").asLong()).isZero();
        assertThat(report.path("rooms").asInt()).isEqualTo(4);
        long sent = report.path("sent").asLong();
        // 20 clients x 20/s x 2 s, give or take the pacing's first and last tick.
        assertThat(sent).isBetween(700L, 900L);
        assertThat(report.path("acked").asLong()).isEqualTo(sent);
        assertThat(report.path("unanswered").asLong()).isZero();
        assertThat(report.path("expected").asLong()).isEqualTo(sent * 5);
        assertThat(report.path("delivered").asLong()).isEqualTo(sent * 5);
        assertThat(report.path("lost").asLong()).isZero();
        assertThat(report.path("excess").asLong() + report.path("outOfOrder").asLong() + report.path("misrouted").asLong()).isZero();
        assertThat(report.path("cpu").path("benchMicrosPerDelivery").asDouble()).isPositive();
        assertThat(report.path("deliveriesPerSecond").asDouble()).isPositive();
        JsonNode latency = report.path("latencyMs");
        assertThat(latency.path("p50").asDouble()).isPositive();
        assertThat(latency.path("p50").asDouble()).isLessThanOrEqualTo(latency.path("p90").asDouble());
        assertThat(latency.path("p90").asDouble()).isLessThanOrEqualTo(latency.path("p99").asDouble());
        assertThat(latency.path("p99").asDouble()).isLessThanOrEqualTo(latency.path("p999").asDouble());
        assertThat(latency.path("p999").asDouble()).isLessThanOrEqualTo(latency.path("max").asDouble());
        assertThat(report.path("errors").isObject()).isTrue();
        assertThat(report.path("errors").isEmpty()).isTrue();
    }

    @Test
    void anIdleRunLogsEveryoneInHoldsTheConnectionsAndReportsTheTimeToConnect() {
        JsonNode report = benchShowing("Holding 30 idle connections", "--idle", "--clients", "30", "--duration", "1s",
                "--connect-rate", "100000/s", "--connect-concurrency", "30", "--threads", "2");

        assertThat(report.path("mode").asText()).isEqualTo("idle");
        assertThat(report.path("connected").asInt()).isEqualTo(30);
        assertThat(report.path("connectErrors").asLong()).isZero();
        assertThat(report.path("rooms").asInt()).isZero();
        assertThat(report.path("sent").asLong()).isZero();
        assertThat(report.path("connectSeconds").asDouble()).isPositive();
        assertThat(report.path("connectMs").path("max").asDouble())
                .isPositive()
                .isLessThanOrEqualTo(report.path("connectSeconds").asDouble() * 1000 + 1);
        assertThat(report.path("errors").isEmpty()).isTrue();
    }

    @Test
    void aMaxThroughputRunKeepsItsWindowFullAndLosesNothing() {
        JsonNode report = bench("--clients", "6", "--room-size", "3", "--rate", "0", "--window", "4",
                "--warmup", "0s", "--duration", "1s", "--threads", "1");

        assertThat(report.path("connectErrors").asLong()).isZero();
        assertThat(report.path("sent").asLong()).isGreaterThan(100);
        assertThat(report.path("delivered").asLong()).isEqualTo(report.path("sent").asLong() * 3);
        assertThat(report.path("lost").asLong()).isZero();
    }

    @Test
    void aRejectedMessageIsCountedUnderItsCodeAndOwesNoDelivery() {
        // The test server refuses texts over 2000 characters with MESSAGE_TOO_LONG.
        JsonNode report = bench("--clients", "2", "--room-size", "2", "--rate", "10", "--size", "3000",
                "--warmup", "0s", "--duration", "1s", "--drain", "500ms");

        long sent = report.path("sent").asLong();
        assertThat(sent).isPositive();
        assertThat(report.path("rejected").asLong()).isEqualTo(sent);
        assertThat(report.path("acked").asLong()).isZero();
        // Warm-up sends (if any went out before measuring began) are refused too.
        assertThat(report.path("refusals").path("MESSAGE_TOO_LONG").asLong()).isGreaterThanOrEqualTo(sent);
        assertThat(report.path("errors").path("MESSAGE_TOO_LONG").asLong()).isGreaterThanOrEqualTo(sent);
        assertThat(report.path("expected").asLong()).isZero();
        assertThat(report.path("delivered").asLong()).isZero();
        assertThat(report.path("lost").asLong()).isZero();
    }

    @Test
    void aClientThatLeavesMidRunIsOwedWhatItsRoomSentAfterAndTheAccountStillBalances() throws Exception {
        CompletableFuture<JsonNode> run = CompletableFuture.supplyAsync(() -> bench("--clients", "6", "--room-size", "3",
                "--rate", "20", "--warmup", "500ms", "--duration", "2s", "--drain", "1s", "--threads", "2"));
        // Seated: both rooms exist and all six are online. The last client joined the second room; its owner stays.
        await().atMost(Duration.ofSeconds(20)).until(() -> server.roomNames().size() == 2 && server.onlineUsers().size() == 6);
        String leaver = server.onlineUsers().stream().filter(name -> name.endsWith("-5")).findFirst().orElseThrow();
        server.push(leaver, Envelopes.goodbye(Goodbye.Reason.KICKED, "kicked by the test"));

        JsonNode report = run.get(60, TimeUnit.SECONDS);

        assertThat(report.path("errors").path("DISCONNECTED_KICKED").asLong()).isEqualTo(1);
        long undelivered = report.path("lost").asLong();
        assertThat(undelivered).isPositive();
        assertThat(report.path("undeliveredToDisconnected").asLong()).isEqualTo(undelivered);
        assertThat(report.path("excess").asLong()).isZero();
        assertThat(report.path("outOfOrder").asLong()).isZero();
        assertThat(report.path("misrouted").asLong()).isZero();
        assertThat(report.path("delivered").asLong()).isEqualTo(report.path("expected").asLong() - undelivered
                + report.path("deliveredUnacknowledged").asLong());
        assertThat(report.path("stillConnected").asLong()).isEqualTo(5);
    }

    @Test
    void clientsThatCannotConnectAreCountedAsConnectErrors() {
        int port = server.port();
        server.close();
        StringWriter out = new StringWriter();
        int exit = TavernCliAccess.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter()))
                .execute("bench", "--port", String.valueOf(port), "--host", "127.0.0.1", "--clients", "3",
                        "--duration", "1s", "--warmup", "0s", "--json");
        JsonNode report = JsonMapper.builder().build().readTree(out.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(report.path("connectErrors").asLong()).isEqualTo(3);
        assertThat(report.path("connected").asLong()).isZero();
        assertThat(report.path("errors").size()).isPositive();
        server = null;
    }
}
