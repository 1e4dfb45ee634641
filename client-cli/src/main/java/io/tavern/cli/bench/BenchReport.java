package io.tavern.cli.bench;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of a run. {@link #toJson()} is a contract, like the scripted mode's lines: fields
 * may be added, never renamed.
 */
public record BenchReport(
        int clients,
        int connected,
        long connectErrors,
        int rooms,
        long sent,
        long rejected,
        long expected,
        long delivered,
        double measuredSeconds,
        Latency latencyMs,
        Map<String, Long> errors,
        String transport,
        int threads,
        double connectSeconds,
        Latency connectMs,
        String mode) {

    /** Delivery latency percentiles in milliseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max) {

        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return Math.round(micros) / 1000.0;
        }
    }

    public long lost() {
        return Math.max(0, expected - delivered);
    }

    public double deliveriesPerSecond() {
        return measuredSeconds <= 0 ? 0 : Math.round(delivered / measuredSeconds * 10) / 10.0;
    }

    public double sentPerSecond() {
        return measuredSeconds <= 0 ? 0 : Math.round(sent / measuredSeconds * 10) / 10.0;
    }

    public ObjectNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode()
                .put("clients", clients)
                .put("connected", connected)
                .put("connectErrors", connectErrors)
                .put("rooms", rooms)
                .put("sent", sent)
                .put("rejected", rejected)
                .put("expected", expected)
                .put("delivered", delivered)
                .put("lost", lost())
                .put("measuredSeconds", measuredSeconds)
                .put("sentPerSecond", sentPerSecond())
                .put("deliveriesPerSecond", deliveriesPerSecond());
        json.putObject("latencyMs")
                .put("p50", latencyMs.p50())
                .put("p90", latencyMs.p90())
                .put("p99", latencyMs.p99())
                .put("p999", latencyMs.p999())
                .put("max", latencyMs.max());
        ObjectNode errorCounts = json.putObject("errors");
        errors.forEach(errorCounts::put);
        json.put("transport", transport).put("threads", threads).put("mode", mode).put("connectSeconds", connectSeconds);
        json.putObject("connectMs")
                .put("p50", connectMs.p50())
                .put("p90", connectMs.p90())
                .put("p99", connectMs.p99())
                .put("p999", connectMs.p999())
                .put("max", connectMs.max());
        return json;
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Clients      %d requested, %d connected, %d failed to connect (%s, %d threads)%n",
                clients, connected, connectErrors, transport, threads));
        out.append(String.format(Locale.ROOT, "Connecting   %.3f s until the last login; per client ms p50 %.3f  p99 %.3f  max %.3f%n",
                connectSeconds, connectMs.p50(), connectMs.p99(), connectMs.max()));
        if (mode.equals("idle")) {
            out.append(String.format(Locale.ROOT, "Held         %d idle connections for %.1f s%n", connected, measuredSeconds));
            return appendErrors(out);
        }
        out.append(String.format(Locale.ROOT, "Rooms        %d%n", rooms));
        out.append(String.format(Locale.ROOT, "Messages     %d sent in %.1f s (%.1f/s), %d rejected%n",
                sent, measuredSeconds, sentPerSecond(), rejected));
        out.append(String.format(Locale.ROOT, "Deliveries   %d of %d expected, %d lost, %.1f/s%n",
                delivered, expected, lost(), deliveriesPerSecond()));
        out.append(String.format(Locale.ROOT, "Latency ms   p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                latencyMs.p50(), latencyMs.p90(), latencyMs.p99(), latencyMs.p999(), latencyMs.max()));
        return appendErrors(out);
    }

    private String appendErrors(StringBuilder out) {
        if (errors.isEmpty()) {
            out.append("Errors       none");
        } else {
            out.append("Errors       ");
            errors.forEach((code, count) -> out.append(code).append('=').append(count).append("  "));
        }
        return out.toString().stripTrailing();
    }
}
