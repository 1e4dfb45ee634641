package io.tavern.cli.bench;

import java.time.Duration;

/**
 * One load-generator run.
 *
 * @param clients        connections to open, each a guest
 * @param roomSize       members per room (the last room may have fewer)
 * @param ratePerClient  messages per second per client; 0 = as fast as the window allows
 * @param window         unacknowledged messages per client in max-throughput mode
 * @param payloadBytes   chat text length in bytes (at least {@link BenchText#HEADER_BYTES})
 * @param duration       how long to measure
 * @param warmup         how long to send before measuring, at least
 * @param warmupMax      how long to send before measuring, at most: past {@code warmup}, the warm-up goes on while
 *                       the server's JIT compilers take {@code jitSettledPercent} of its CPU or more (needs
 *                       {@code serverPid}); no longer than {@code warmup} = a fixed warm-up
 * @param jitSettledPercent the compilers' share of the server's CPU, in percent, under which its JIT counts as settled
 * @param drain          how long after the last measured send to wait for deliveries in flight
 * @param connectRate    new connections per second
 * @param connectConcurrency handshakes (connect, Hello, login) in flight at once
 * @param threads        event loop threads driving all the connections
 * @param requestTimeout how long a setup step (connect, Hello, login, room) may take before it counts as TIMEOUT
 * @param idle           connect and log in only, then hold the connections idle for {@code duration}
 * @param serverPid      the server's process id on this machine, to report its CPU time and memory; 0 = unknown
 */
public record BenchConfig(
        String host,
        int port,
        int clients,
        int roomSize,
        double ratePerClient,
        int window,
        int payloadBytes,
        Duration duration,
        Duration warmup,
        Duration warmupMax,
        double jitSettledPercent,
        Duration drain,
        int connectRate,
        int connectConcurrency,
        BindAddresses bindAddresses,
        int threads,
        Duration requestTimeout,
        boolean idle,
        long serverPid) {

    public BenchConfig {
        if (clients < 1) {
            throw new IllegalArgumentException("--clients must be at least 1");
        }
        if (roomSize < 1) {
            throw new IllegalArgumentException("--room-size must be at least 1");
        }
        if (ratePerClient < 0) {
            throw new IllegalArgumentException("--rate must not be negative");
        }
        if (window < 1) {
            throw new IllegalArgumentException("--window must be at least 1");
        }
        if (connectRate < 1) {
            throw new IllegalArgumentException("--connect-rate must be at least 1");
        }
        if (connectConcurrency < 1) {
            throw new IllegalArgumentException("--connect-concurrency must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        if (payloadBytes < BenchText.HEADER_BYTES) {
            throw new IllegalArgumentException("--size must be at least " + BenchText.HEADER_BYTES
                    + " (the text carries its room, sender, sequence and send time)");
        }
        if (roomSize > BenchText.MAX_ROOM_SIZE) {
            throw new IllegalArgumentException("--room-size must be at most " + BenchText.MAX_ROOM_SIZE);
        }
        if (serverPid < 0) {
            throw new IllegalArgumentException("--server-pid must be a process id");
        }
        if (warmup.isNegative() || warmupMax.isNegative()) {
            throw new IllegalArgumentException("--warmup and --warmup-max must not be negative");
        }
        if (!(jitSettledPercent > 0 && jitSettledPercent <= 100)) {
            throw new IllegalArgumentException("--jit-settled must be a percentage over 0 and at most 100");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
    }

    /** Whether the warm-up may go on past {@code warmup} until the server's JIT settles. */
    public boolean warmsUntilJitSettles() {
        return serverPid > 0 && warmupMax.compareTo(warmup) > 0;
    }

    public boolean maxThroughput() {
        return ratePerClient == 0;
    }
}
