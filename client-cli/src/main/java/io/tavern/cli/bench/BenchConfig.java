package io.tavern.cli.bench;

import java.time.Duration;

/**
 * One load-generator run.
 *
 * @param clients        connections to open, each a guest
 * @param roomSize       members per room (the last room may have fewer)
 * @param ratePerClient  messages per second per client; 0 = as fast as the window allows
 * @param window         unacknowledged messages per client in max-throughput mode
 * @param payloadBytes   chat text length (at least the header that carries the send time)
 * @param duration       how long to measure
 * @param warmup         how long to send before measuring
 * @param drain          how long after the last measured send to wait for deliveries in flight
 * @param connectRate    new connections per second
 * @param connectConcurrency handshakes (connect, Hello, login) in flight at once
 * @param threads        event loop threads driving all the connections
 * @param requestTimeout how long a message waits for its ack before counting as TIMEOUT
 * @param idle           connect and log in only, then hold the connections idle for {@code duration}
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
        Duration drain,
        int connectRate,
        int connectConcurrency,
        BindAddresses bindAddresses,
        int threads,
        Duration requestTimeout,
        boolean idle) {

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
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
    }

    public boolean maxThroughput() {
        return ratePerClient == 0;
    }
}
