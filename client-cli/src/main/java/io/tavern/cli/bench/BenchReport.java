package io.tavern.cli.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of a run. {@link #toJson()} is a contract, like the scripted mode's lines: fields
 * may be added, never renamed.
 *
 * <p>Throughput and CPU cost share one denominator: {@code receivedInWindow}, every benchmark
 * message the connections received during the measured period (whenever it was sent).
 * The account of losses ({@link DeliveryLedger}) follows the messages sent during the measured
 * period to the end of the drain, wherever they went.
 *
 * @param errors    everything that went wrong, by name: refusals of chat sends by error code,
 *                  setup failures (connect, login, room) by code, and incidents
 *                  ({@code DISCONNECTED_<reason>}, {@code MALFORMED_FRAME}...)
 * @param refusals  chat sends the server answered with an Error, by code, warm-up included
 * @param outOfOrder measured messages that did not come after the previous one from the same sender
 * @param misrouted measured messages delivered to a connection outside the sender's room
 */
public record BenchReport(
        int clients,
        int connected,
        long connectErrors,
        int rooms,
        DeliveryLedger ledger,
        long receivedInWindow,
        double measuredSeconds,
        Latency latencyMs,
        Map<String, Long> errors,
        Map<String, Long> refusals,
        long outOfOrder,
        long misrouted,
        long stillConnected,
        String transport,
        int threads,
        double connectSeconds,
        Latency connectMs,
        String mode,
        WarmUp warmUp,
        Cpu cpu,
        String loadBefore,
        String loadAfter) {

    /** Latency percentiles in milliseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max) {

        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }

        ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode()
                    .put("p50", p50).put("p90", p90).put("p99", p99).put("p999", p999).put("max", max);
        }
    }

    /** How long the clients chatted before the window opened, and where the server's JIT stood then. */
    public record WarmUp(Duration length, Jit jit) {

        /** Where the server's JIT stood when the window opened. */
        public enum Jit {
            /** Not asked: a fixed warm-up, or no server's compiler threads to read. */
            NOT_ASKED,
            /** Its compilers had taken under the threshold of its CPU for the steps it takes. */
            SETTLED,
            /** The warm-up reached its limit first. */
            NOT_SETTLED
        }

        static WarmUp fixed(Duration length) {
            return new WarmUp(length, Jit.NOT_ASKED);
        }
    }

    /**
     * CPU time over the measured window: the load generator's, the server's (and of it, its JIT compiler
     * threads') and the whole machine's (busy time of all cores), in seconds; how many times the server's threads
     * went to sleep in it, each a wake-up it then took; and the server's resident memory at the window's end; -1
     * where unknown (no {@code --server-pid}, no {@code /proc}).
     */
    public record Cpu(double windowSeconds, double benchSeconds, long serverPid, double serverSeconds,
                      double serverJitSeconds, long serverSleeps, double machineBusySeconds, long serverRssKiB) {

        static Cpu of(ProcFs.Sample start, ProcFs.Sample end, long serverPid) {
            double jit = seconds(start.serverJitCpuNanos(), end.serverJitCpuNanos());
            return new Cpu((end.wallNanos() - start.wallNanos()) / 1e9,
                    seconds(start.benchCpuNanos(), end.benchCpuNanos()), serverPid,
                    seconds(start.serverCpuNanos(), end.serverCpuNanos()),
                    // A compiler thread that ended in the window took its time with it: at least none.
                    jit < 0 && start.serverJitCpuNanos() >= 0 && end.serverJitCpuNanos() >= 0 ? 0 : jit,
                    // Unknown rather than low when a thread that ended took more sleeps with it than the window made.
                    start.serverSleeps() < 0 || end.serverSleeps() < start.serverSleeps() ? -1
                            : end.serverSleeps() - start.serverSleeps(),
                    seconds(start.machineBusyNanos(), end.machineBusyNanos()), end.serverRssKiB());
        }

        static final Cpu UNMEASURED = new Cpu(0, -1, 0, -1, -1, -1, -1, -1);

        private static double seconds(long from, long to) {
            return from < 0 || to < 0 ? -1 : (to - from) / 1e9;
        }

        /** The server's JIT compilers' share of its CPU in the window, 0 to 1, or null when unknown. */
        Double serverJitShare() {
            return serverJitSeconds < 0 || serverSeconds <= 0 ? null : round(Math.min(1, serverJitSeconds / serverSeconds), 3);
        }

        /**
         * How many times the server's threads went to sleep per message sent in the window (so how many wake-ups
         * a message cost it, where each hop from thread to thread that finds the next one asleep is one), or null
         * when unknown.
         */
        Double serverSleepsPerMessage(long messages) {
            return serverSleeps < 0 || messages <= 0 ? null : round((double) serverSleeps / messages, 2);
        }

        /** CPU time in microseconds per delivery, or null when either is unknown. */
        Double microsPerDelivery(double cpuSeconds, long deliveries) {
            return cpuSeconds < 0 || deliveries <= 0 ? null : round(cpuSeconds * 1e6 / deliveries, 3);
        }

        Double cores(double cpuSeconds) {
            return cpuSeconds < 0 || windowSeconds <= 0 ? null : round(cpuSeconds / windowSeconds, 3);
        }

        /** Cores used by anything but the load generator and the server: the noise of the run. */
        Double otherCores() {
            if (machineBusySeconds < 0 || benchSeconds < 0 || serverSeconds < 0 || windowSeconds <= 0) {
                return null;
            }
            return round(Math.max(0, machineBusySeconds - benchSeconds - serverSeconds) / windowSeconds, 3);
        }
    }

    /** Deliveries owed but not made by the end of the drain (the account's undelivered). */
    public long lost() {
        return ledger.undelivered();
    }

    /** Benchmark messages received per second of the measured window. */
    public double deliveriesPerSecond() {
        return measuredSeconds <= 0 ? 0 : round(receivedInWindow / measuredSeconds, 1);
    }

    public double sentPerSecond() {
        return measuredSeconds <= 0 ? 0 : round(ledger.sent() / measuredSeconds, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    public ObjectNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode()
                .put("clients", clients)
                .put("connected", connected)
                .put("connectErrors", connectErrors)
                .put("rooms", rooms)
                .put("sent", ledger.sent())
                .put("acked", ledger.acked())
                .put("rejected", ledger.rejected())
                .put("unanswered", ledger.unanswered())
                .put("expected", ledger.expected())
                .put("delivered", ledger.delivered())
                .put("lost", lost())
                .put("undeliveredToDisconnected", ledger.undeliveredToDisconnected())
                .put("deliveredUnacknowledged", ledger.deliveredUnacknowledged())
                .put("excess", ledger.excess())
                .put("outOfOrder", outOfOrder)
                .put("misrouted", misrouted)
                .put("measuredSeconds", measuredSeconds)
                .put("receivedInWindow", receivedInWindow)
                .put("sentPerSecond", sentPerSecond())
                .put("deliveriesPerSecond", deliveriesPerSecond());
        json.set("latencyMs", latencyMs.toJson());
        ObjectNode errorCounts = json.putObject("errors");
        errors.forEach(errorCounts::put);
        ObjectNode refusalCounts = json.putObject("refusals");
        refusals.forEach(refusalCounts::put);
        json.put("stillConnected", stillConnected)
                .put("transport", transport)
                .put("threads", threads)
                .put("mode", mode)
                .put("connectSeconds", connectSeconds)
                .put("warmupSeconds", round(warmUp.length().toMillis() / 1000.0, 1));
        if (warmUp.jit() != WarmUp.Jit.NOT_ASKED) {
            json.put("warmupJitSettled", warmUp.jit() == WarmUp.Jit.SETTLED);
        }
        json.set("connectMs", connectMs.toJson());
        ObjectNode cpuJson = json.putObject("cpu")
                .put("windowSeconds", round(cpu.windowSeconds(), 3))
                .put("benchSeconds", round(cpu.benchSeconds(), 3))
                .put("benchCores", cpu.cores(cpu.benchSeconds()))
                .put("benchMicrosPerDelivery", cpu.microsPerDelivery(cpu.benchSeconds(), receivedInWindow));
        if (cpu.serverPid() > 0) {
            cpuJson.put("serverPid", cpu.serverPid())
                    .put("serverSeconds", round(cpu.serverSeconds(), 3))
                    .put("serverCores", cpu.cores(cpu.serverSeconds()))
                    .put("serverMicrosPerDelivery", cpu.microsPerDelivery(cpu.serverSeconds(), receivedInWindow))
                    .put("serverJitSeconds", round(cpu.serverJitSeconds(), 3))
                    .put("serverJitShare", cpu.serverJitShare())
                    .put("serverSleeps", cpu.serverSleeps())
                    .put("serverSleepsPerMessage", cpu.serverSleepsPerMessage(ledger.sent()))
                    .put("serverRssKiB", cpu.serverRssKiB());
        }
        cpuJson.put("machineBusyCores", cpu.cores(cpu.machineBusySeconds()))
                .put("otherCores", cpu.otherCores());
        json.putObject("loadAverage").put("before", loadBefore).put("after", loadAfter);
        return json;
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Clients      %d requested, %d connected, %d failed to connect (%s, %d threads)%n",
                clients, connected, connectErrors, transport, threads));
        out.append(String.format(Locale.ROOT, "Connecting   %.3f s until the last login; per client ms p50 %.3f  p99 %.3f  max %.3f%n",
                connectSeconds, connectMs.p50(), connectMs.p99(), connectMs.max()));
        if (mode.equals("idle")) {
            out.append(String.format(Locale.ROOT, "Held         %d idle connections for %.1f s, %d still connected%n",
                    connected, measuredSeconds, stillConnected));
        } else {
            out.append(String.format(Locale.ROOT, "Rooms        %d%n", rooms));
            out.append(String.format(Locale.ROOT, "Warm-up      %.1f s%s%n", warmUp.length().toMillis() / 1000.0,
                    switch (warmUp.jit()) {
                        case NOT_ASKED -> "";
                        case SETTLED -> ", until the server's JIT settled";
                        case NOT_SETTLED -> ", and the server's JIT had not settled by then";
                    }));
            out.append(String.format(Locale.ROOT, "Messages     %d sent in %.1f s (%.1f/s): %d acked, %d refused, %d unanswered%n",
                    ledger.sent(), measuredSeconds, sentPerSecond(), ledger.acked(), ledger.rejected(), ledger.unanswered()));
            out.append(String.format(Locale.ROOT, "Deliveries   %.1f/s in the window; of %d owed, %d delivered, %d undelivered "
                            + "(%d to clients that left)%n",
                    deliveriesPerSecond(), ledger.expected(), ledger.delivered(), lost(), ledger.undeliveredToDisconnected()));
            if (ledger.deliveredUnacknowledged() + ledger.excess() + outOfOrder + misrouted > 0) {
                out.append(String.format(Locale.ROOT, "Unexpected   %d delivered but unanswered, %d excess, %d out of order, %d misrouted%n",
                        ledger.deliveredUnacknowledged(), ledger.excess(), outOfOrder, misrouted));
            }
            out.append(String.format(Locale.ROOT, "Latency ms   p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                    latencyMs.p50(), latencyMs.p90(), latencyMs.p99(), latencyMs.p999(), latencyMs.max()));
        }
        Double benchMicros = cpu.microsPerDelivery(cpu.benchSeconds(), receivedInWindow);
        out.append(String.format(Locale.ROOT, "CPU          bench %s cores, %s us per delivery", text(cpu.cores(cpu.benchSeconds())), text(benchMicros)));
        if (cpu.serverPid() > 0) {
            Double jitShare = cpu.serverJitShare();
            out.append(String.format(Locale.ROOT, "; server %s cores, %s us per delivery, %s %% of it JIT, %s sleeps per message, RSS %d MiB",
                    text(cpu.cores(cpu.serverSeconds())), text(cpu.microsPerDelivery(cpu.serverSeconds(), receivedInWindow)),
                    jitShare == null ? "?" : String.format(Locale.ROOT, "%.1f", jitShare * 100),
                    text(cpu.serverSleepsPerMessage(ledger.sent())), cpu.serverRssKiB() / 1024));
        }
        out.append(String.format(Locale.ROOT, "; others %s cores; load %s -> %s%n", text(cpu.otherCores()), loadBefore, loadAfter));
        if (errors.isEmpty()) {
            out.append("Errors       none");
        } else {
            out.append("Errors       ");
            errors.forEach((code, count) -> out.append(code).append('=').append(count).append("  "));
        }
        return out.toString().stripTrailing();
    }

    private static String text(Double value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Puts a report together as the run goes: connections, then the window, then the account. */
    static final class Builder {

        private final BenchConfig config;
        private final String transport;
        private final String loadBefore;
        private int connected;
        private long connectErrors;
        private double connectSeconds;
        private Latency connectMs = new Latency(0, 0, 0, 0, 0);
        private double measuredSeconds;
        private long receivedInWindow;
        private Cpu cpu = Cpu.UNMEASURED;
        private WarmUp warmUp = WarmUp.fixed(Duration.ZERO);

        Builder(BenchConfig config, String transport, String loadBefore) {
            this.config = config;
            this.transport = transport;
            this.loadBefore = loadBefore;
        }

        Builder connected(int connected, long connectErrors, double connectSeconds, Histogram connectMicros) {
            this.connected = connected;
            this.connectErrors = connectErrors;
            this.connectSeconds = connectSeconds;
            this.connectMs = Latency.of(connectMicros);
            return this;
        }

        Builder warmedUp(WarmUp warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        Builder measured(ProcFs.Sample start, ProcFs.Sample end, long receivedInWindow) {
            this.cpu = Cpu.of(start, end, config.serverPid());
            this.measuredSeconds = round(cpu.windowSeconds(), 3);
            this.receivedInWindow = receivedInWindow;
            return this;
        }

        BenchReport finish(int rooms, DeliveryLedger ledger, LoopStats.Copy loops, long stillConnected,
                           Map<String, Long> setupErrors, String loadAfter) {
            Map<String, Long> errors = new TreeMap<>(setupErrors);
            loops.refusals().forEach((code, count) -> errors.merge(code, count, Long::sum));
            loops.incidents().forEach((name, count) -> errors.merge(name, count, Long::sum));
            return new BenchReport(config.clients(), connected, connectErrors, rooms, ledger, receivedInWindow,
                    measuredSeconds, Latency.of(loops.latencyMicros()), errors, loops.refusals(), loops.outOfOrder(),
                    loops.misrouted(), stillConnected, transport, config.threads(), connectSeconds, connectMs,
                    config.idle() ? "idle" : "chat", warmUp, cpu, loadBefore, loadAfter);
        }
    }
}
