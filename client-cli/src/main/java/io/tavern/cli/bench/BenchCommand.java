package io.tavern.cli.bench;

import io.netty.util.ResourceLeakDetector;
import io.tavern.cli.ExitCode;
import io.tavern.client.ClientOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code tavern-cli bench}: the load generator. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCode.USAGE,
        description = {
            "Load generator: many guests chatting in rooms.",
            "Opens the connections, seats them in rooms and has them chat; reports throughput, losses and",
            "delivery latency (send to receipt, measured by the sending process itself), and the CPU time",
            "per delivery of the load generator and (with --server-pid) of the server.",
            "Progress goes to standard error, the report to standard output."
        })
public final class BenchCommand implements Callable<Integer> {

    private static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";

    @Option(names = "--host", defaultValue = ClientOptions.DEFAULT_HOST, description = "server host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "" + ClientOptions.DEFAULT_PORT, description = "server port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--clients", paramLabel = "C", defaultValue = "100", description = "connections (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--room-size", paramLabel = "R", defaultValue = "10", description = "members per room (default: ${DEFAULT-VALUE})")
    int roomSize;

    @Option(names = "--rate", paramLabel = "M", defaultValue = "1",
            description = "messages per second per client; 0 = as fast as --window allows (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--window", paramLabel = "W", defaultValue = "16",
            description = "unacknowledged messages per client when --rate 0 (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--size", paramLabel = "B", defaultValue = "100",
            description = "chat text bytes, at least 41 (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "measured period, e.g. 30s, 2m (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
            description = "sending before measuring (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--warmup-max", paramLabel = "D", defaultValue = "0s", converter = DurationConverter.class,
            description = "with --server-pid: past --warmup, warm up on (in steps of 5 s, up to D in all) until the server's "
                    + "JIT compilers take less than --jit-settled of its CPU two steps in a row (default: ${DEFAULT-VALUE}, a fixed warm-up)")
    Duration warmupMax;

    @Option(names = "--jit-settled", paramLabel = "PCT", defaultValue = "3",
            description = "the compilers' share of the server's CPU, in percent, under which its JIT has settled (default: ${DEFAULT-VALUE})")
    double jitSettledPercent;

    @Option(names = "--drain", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
            description = "wait for deliveries in flight after the measured period (default: ${DEFAULT-VALUE})")
    Duration drain;

    @Option(names = "--connect-rate", paramLabel = "N[/s]", defaultValue = "1000/s", converter = PerSecond.class,
            description = "new connections per second, e.g. 500 or 500/s (default: ${DEFAULT-VALUE})")
    int connectRate;

    @Option(names = "--connect-concurrency", paramLabel = "N", defaultValue = "1000",
            description = "handshakes (connect, Hello, login) in flight at once (default: ${DEFAULT-VALUE})")
    int connectConcurrency;

    @Option(names = "--idle",
            description = "connect and log in only, then hold the connections idle (no rooms, no chat) for --duration")
    boolean idle;

    @Option(names = "--bind-address", paramLabel = "RANGES",
            description = "local addresses to connect from, e.g. 127.0.0.1-127.0.0.20 (lifts the ~28 000 ports per address limit)")
    String bindAddress;

    // One loop by default: sharing a machine with the server, one loop finds more frames ready per wake-up and
    // read; measured at the fan-out ceiling, 0.42-0.47 µs of CPU per delivery with one loop, 0.65-0.71 with two.
    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "event loop threads; one is the cheapest per delivery beside a server on the same machine (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--request-timeout", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "wait for each setup step (connect, Hello, login, room) before counting a TIMEOUT (default: ${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "0",
            description = "the server's process id (same machine): report its CPU time per delivery and its memory")
    long serverPid;

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Reads a rate written as {@code N} or {@code N/s}. */
    static final class PerSecond implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String text = value.strip();
            return Integer.valueOf(text.endsWith("/s") ? text.substring(0, text.length() - 2).strip() : text);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        BenchConfig config;
        try {
            config = new BenchConfig(host, port, clients, roomSize, rate, window, size, duration, warmup, warmupMax,
                    jitSettledPercent, drain,
                    connectRate, connectConcurrency,
                    bindAddress == null ? BindAddresses.none() : BindAddresses.parse(bindAddress),
                    threads, requestTimeout, idle, serverPid);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // An instrument should not sample its own buffers: Netty's default leak detection records a stack
        // trace for one buffer in 128. It stays at whatever level is asked for explicitly (the tests ask for PARANOID).
        if (System.getProperty(LEAK_DETECTION_LEVEL) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report = new BenchRun(config, line -> {
            err.println(line);
            err.flush();
        }).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? JsonMapper.builder().build().writeValueAsString(report.toJson()) : report.summary());
        out.flush();
        return report.connected() == 0 ? ExitCode.CONNECT_FAILED : ExitCode.OK;
    }
}
