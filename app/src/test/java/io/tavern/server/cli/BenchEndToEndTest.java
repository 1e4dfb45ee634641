package io.tavern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tavern.server.moderation.Moderation;
import io.tavern.server.net.TavernServer;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code tavern-cli bench} against the real server, as a separate process: what it reports is what
 * the server did, message for message.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.chat.rate-limit.per-second=0"})
class BenchEndToEndTest {

    private static final String SELF = String.valueOf(ProcessHandle.current().pid());
    /** The bench names its guests b + run id + '-' + index. */
    private static final Pattern BENCH_PLAYER = Pattern.compile("b[0-9a-z]{1,4}-\\d+");

    @Autowired
    TavernServer server;

    @Autowired
    SessionRegistry sessions;

    @BeforeEach
    void jarIsBuilt() {
        CliProcess.assumeJarBuilt();
    }

    @Test
    void aShortRunDeliversEveryAckedMessageToEveryRoomMemberAndReportsTheServersCpu() throws Exception {
        try (CliProcess bench = CliProcess.start("bench", "--host", "127.0.0.1", "--port", String.valueOf(server.port()),
                "--clients", "40", "--room-size", "10", "--rate", "10", "--size", "64",
                "--duration", "3s", "--warmup", "1s", "--drain", "60s", "--server-pid", SELF, "--json")) {
            // The drain ends as soon as every delivery has arrived; its length only bounds a delivery truly lost.
            bench.script();
            assertThat(bench.awaitExit()).isZero();
            JsonNode report = bench.lastLine();
            assertThat(report.path("clients").asInt()).isEqualTo(40);
            assertThat(report.path("connectErrors").asInt()).isZero();
            long sent = report.path("sent").asLong();
            assertThat(sent).isPositive();
            assertThat(report.path("acked").asLong()).isEqualTo(sent);
            assertThat(report.path("unanswered").asLong()).isZero();
            assertThat(report.path("expected").asLong()).isEqualTo(sent * 10);
            assertThat(report.path("delivered").asLong()).isEqualTo(report.path("expected").asLong());
            assertThat(report.path("lost").asLong()).isZero();
            assertThat(report.path("excess").asLong() + report.path("outOfOrder").asLong() + report.path("misrouted").asLong())
                    .isZero();
            assertThat(report.path("deliveriesPerSecond").asDouble()).isPositive();
            JsonNode latency = report.path("latencyMs");
            assertThat(latency.path("p50").asDouble()).isPositive();
            assertThat(latency.path("p99").asDouble()).isGreaterThanOrEqualTo(latency.path("p50").asDouble());
            assertThat(latency.path("max").asDouble()).isGreaterThanOrEqualTo(latency.path("p999").asDouble());
            assertThat(report.path("errors").isEmpty()).isTrue();
            JsonNode cpu = report.path("cpu");
            assertThat(cpu.path("benchMicrosPerDelivery").asDouble()).isPositive();
            assertThat(cpu.path("serverMicrosPerDelivery").asDouble()).isPositive();
            assertThat(cpu.path("serverRssKiB").asLong()).isPositive();
        }
    }

    @Test
    void aPlayerKickedMidRunIsOwedWhatItsRoomSentAndTheAccountBalancesExactly() throws Exception {
        try (CliProcess bench = CliProcess.start("bench", "--host", "127.0.0.1", "--port", String.valueOf(server.port()),
                "--clients", "20", "--room-size", "10", "--rate", "10", "--size", "64",
                "--duration", "3s", "--warmup", "1s", "--drain", "2s", "--json")) {
            bench.script();
            // Seated: twenty bench players, each in a room. The kick comes before the measured period ends.
            await().atMost(Duration.ofSeconds(30)).until(() -> sessions.loggedIn().stream()
                    .filter(session -> isBenchPlayer(session) && session.player().room() != null)
                    .count() == 20);
            Session kicked = sessions.loggedIn().stream()
                    .filter(session -> isBenchPlayer(session) && session.user().endsWith("-19"))
                    .findFirst().orElseThrow();
            Moderation.kick(kicked, "test", "kicked by the test");

            assertThat(bench.awaitExit()).isZero();
            JsonNode report = bench.lastLine();
            assertThat(report.path("errors").path("DISCONNECTED_KICKED").asLong()).isEqualTo(1);
            assertThat(report.path("stillConnected").asLong()).isEqualTo(19);
            long undelivered = report.path("lost").asLong();
            assertThat(undelivered).isPositive();
            assertThat(report.path("undeliveredToDisconnected").asLong()).isEqualTo(undelivered);
            assertThat(report.path("excess").asLong() + report.path("outOfOrder").asLong() + report.path("misrouted").asLong())
                    .isZero();
            assertThat(report.path("delivered").asLong()).isEqualTo(report.path("expected").asLong() - undelivered
                    + report.path("deliveredUnacknowledged").asLong());
        }
    }

    private static boolean isBenchPlayer(Session session) {
        return BENCH_PLAYER.matcher(session.user()).matches();
    }
}
