package io.tavern.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.cli.TavernCliAccess;
import io.tavern.cli.bench.baseline.BareFanoutServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tavern-cli bench} against the bare baseline: the pair the scenario scripts compare Tavern with. */
class BenchAgainstBaselineTest {

    private BareFanoutServer baseline;

    @BeforeEach
    void start() throws InterruptedException {
        baseline = BareFanoutServer.start("127.0.0.1", 0, 2);
    }

    @AfterEach
    void stop() {
        baseline.close();
    }

    @Test
    void aWindowRunAgainstTheBaselineDeliversEverythingAndReportsBothSidesCpuPerDelivery() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The baseline runs in this process, so the server's pid is this one's.
        int exit = TavernCliAccess.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("bench", "--host", "127.0.0.1", "--port", String.valueOf(baseline.port()), "--json",
                        "--clients", "40", "--room-size", "10", "--rate", "0", "--window", "8", "--size", "64",
                        "--warmup", "500ms", "--duration", "2s", "--threads", "2",
                        "--server-pid", String.valueOf(ProcessHandle.current().pid()));
        JsonNode report = JsonMapper.builder().build().readTree(out.toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        long sent = report.path("sent").asLong();
        assertThat(sent).isPositive();
        assertThat(report.path("acked").asLong()).isEqualTo(sent);
        assertThat(report.path("expected").asLong()).isEqualTo(sent * 10);
        assertThat(report.path("delivered").asLong()).isEqualTo(sent * 10);
        assertThat(report.path("lost").asLong()).isZero();
        assertThat(report.path("excess").asLong() + report.path("outOfOrder").asLong() + report.path("misrouted").asLong()).isZero();
        assertThat(report.path("receivedInWindow").asLong()).isPositive();
        JsonNode cpu = report.path("cpu");
        assertThat(cpu.path("benchMicrosPerDelivery").asDouble()).isPositive();
        assertThat(cpu.path("serverPid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(cpu.path("serverMicrosPerDelivery").asDouble()).isPositive();
        assertThat(cpu.path("serverRssKiB").asLong()).isPositive();
        assertThat(report.path("errors").isEmpty()).isTrue();
    }
}
