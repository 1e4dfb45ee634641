package io.tavern.server.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The whole {@code tavern.*} configuration tree. Every default runs out of the box; the README's
 * configuration table lists each key.
 */
@Validated
@ConfigurationProperties("tavern")
public record TavernProperties(
        @DefaultValue Net net,
        @DefaultValue Logic logic,
        @DefaultValue Chat chat,
        @DefaultValue Rooms rooms,
        @DefaultValue Auth auth) {

    public enum Transport { AUTO, IO_URING, EPOLL, NIO }

    /** The game port and its connections. */
    public record Net(
            @DefaultValue("auto") Transport transport,
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("7777") int port,
            @DefaultValue("4096") int backlog,
            /* 0 = one per core */
            @DefaultValue("0") int workerThreads,
            @DefaultValue("100000") int maxConnections,
            @DefaultValue("1024") int maxConnectionsPerIp,
            @DefaultValue("64KB") DataSize maxFrameSize,
            @DefaultValue("1MB") DataSize sendQueueLimit,
            /* 0 = the operating system's default */
            @DefaultValue("0B") DataSize socketReceiveBuffer,
            @DefaultValue("0B") DataSize socketSendBuffer,
            @DefaultValue("10s") Duration handshakeTimeout,
            @DefaultValue("20s") Duration heartbeatInterval,
            @DefaultValue("60s") Duration idleTimeout,
            @DefaultValue("10s") Duration shutdownDrain,
            /* how long a slow consumer's Goodbye may take before the socket is closed anyway */
            @DefaultValue("2s") Duration goodbyeGrace) {

        public int maxFrameBytes() {
            return Math.toIntExact(maxFrameSize.toBytes());
        }

        public Net {
            if (maxFrameSize.toBytes() < 64 || maxFrameSize.toBytes() > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("tavern.net.max-frame-size must be 64B..16MB");
            }
        }
    }

    /** The logic tier: a fixed pool running per-session and per-room serial executors. */
    public record Logic(
            /* 0 = one per core */
            @DefaultValue("0") int threads,
            /* requests a session may have waiting before RATE_LIMITED */
            @DefaultValue("256") int sessionQueueLimit,
            /* RATE_LIMITED answers in a row before the session is closed as FLOODING */
            @DefaultValue("64") int floodStrikes) {
    }

    /** Chat rules, applied in one place. */
    public record Chat(
            @DefaultValue("500") int maxLength,
            @DefaultValue RateLimit rateLimit,
            @DefaultValue WordFilter wordFilter) {

        /** A token bucket per session; {@code per-second: 0} turns it off. */
        public record RateLimit(
                @DefaultValue("5") double perSecond,
                @DefaultValue("10") int burst) {
        }

        public record WordFilter(
                @DefaultValue List<String> words,
                @DefaultValue("mask") FilterMode mode) {
        }

        public enum FilterMode { MASK, REJECT }
    }

    public record Rooms(
            @DefaultValue("64") int maxCapacity,
            @DefaultValue("30s") Duration emptyGrace,
            @DefaultValue("50") int historyOnJoin) {
    }

    public record Auth(
            @DefaultValue("true") boolean allowGuests,
            @DefaultValue Throttle throttle,
            @DefaultValue PasswordHash passwordHash) {

        /** Argon2id cost; the defaults are OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). */
        public record PasswordHash(
                @DefaultValue("19456") int memoryKib,
                @DefaultValue("2") int iterations,
                @DefaultValue("1") int parallelism) {
        }

        /** Failed logins allowed per account name and per remote address within the window. */
        public record Throttle(
                @DefaultValue("5") int perName,
                @DefaultValue("20") int perAddress,
                @DefaultValue("1m") Duration window) {
        }
    }
}
