package io.tavern.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.cli.TavernCliAccess;
import io.tavern.cli.bench.baseline.BareFanoutServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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
        Run run = bench("--clients", "40", "--room-size", "10", "--rate", "0", "--window", "8", "--size", "64",
                "--warmup", "500ms", "--duration", "2s", "--threads", "2");
        JsonNode report = run.report();

        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
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
        // This process is a JVM: its compiler threads' time is read, a part of its own.
        assertThat(cpu.path("serverJitSeconds").asDouble()).isBetween(0.0, cpu.path("serverSeconds").asDouble());
        assertThat(cpu.path("serverJitShare").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.path("errors").isEmpty()).isTrue();
        // A fixed warm-up: no question asked of the JIT.
        assertThat(report.path("warmupSeconds").asDouble()).isEqualTo(0.5);
        assertThat(report.has("warmupJitSettled")).isFalse();
    }

    @Test
    void aWarmUpWithRoomToGoOnWarmsInStepsUntilTheServersJitSettlesAndSaysWhenItStoppedShortOfThat() {
        // Room for one step past --warmup: settling takes two in a row, so this run stops at its limit unsettled.
        Run run = bench("--clients", "20", "--room-size", "10", "--rate", "0", "--window", "4", "--size", "64",
                "--warmup", "0s", "--warmup-max", "9s", "--duration", "1s", "--threads", "1");
        JsonNode report = run.report();

        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        assertThat(report.path("warmupSeconds").asDouble()).isEqualTo(JitSettling.STEP.toSeconds());
        assertThat(report.path("warmupJitSettled").isBoolean()).isTrue();
        assertThat(report.path("warmupJitSettled").asBoolean()).isFalse();
        assertThat(run.err())
                .contains("The server's JIT compilers took")
                .contains("The server's JIT had not settled after 5.0 s: measuring anyway.");
        assertThat(report.path("lost").asLong()).isZero();
    }

    /** What a bench run against the baseline printed: its exit code, its JSON report and its progress lines. */
    private record Run(int exit, JsonNode report, String err) {
    }

    /** {@code tavern-cli bench --json} against the baseline with {@code args}; the baseline runs in this process. */
    private Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> command = new ArrayList<>(List.of("bench", "--host", "127.0.0.1", "--port", String.valueOf(baseline.port()),
                "--json", "--server-pid", String.valueOf(ProcessHandle.current().pid())));
        command.addAll(List.of(args));
        int exit = TavernCliAccess.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(command.toArray(String[]::new));
        return new Run(exit, JsonMapper.builder().build().readTree(out.toString()), err.toString());
    }
}
