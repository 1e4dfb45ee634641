package io.tavern.server.config;

import io.tavern.db.chat.ArchivedMessage;
import io.tavern.server.identity.NamePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * The whole {@code tavern.*} configuration tree. Every default runs out of the box; the README's
 * configuration table lists each key.
 *
 * <p>Validated when the server starts, before anything listens: each value against its range (the
 * constraints on the components), then the relations between values ({@link #validate}). A value out of
 * range or a broken relation stops the start with one line naming the key, its value and what is allowed.
 *
 * @param net    the game port and its connections
 * @param logic  the logic tier
 * @param chat   chat rules
 * @param rooms  room rules
 * @param auth   logins and password hashing
 * @param config how the configuration itself is checked
 */
@Validated
@ConfigurationProperties("tavern")
public record TavernProperties(
        @Valid @DefaultValue Net net,
        @Valid @DefaultValue Logic logic,
        @Valid @DefaultValue Chat chat,
        @Valid @DefaultValue Rooms rooms,
        @Valid @DefaultValue Auth auth,
        @Valid @DefaultValue Config config) implements Validator {

    public enum Transport { AUTO, IO_URING, EPOLL, NIO }

    /**
     * The game port and its connections.
     *
     * @param transport           the I/O model: auto (io_uring, else epoll, else NIO), io_uring, epoll or nio
     * @param bindAddress         the address the game port listens on
     * @param port                the game TCP port; 0 picks a free one
     * @param backlog             connections the operating system queues before the server accepts them
     * @param workerThreads       event-loop threads; 0 = one per core
     * @param maxConnections      connections accepted in all
     * @param maxConnectionsPerIp connections accepted from one address; at most max-connections
     * @param maxFrameSize        the largest frame a client may send (64B..16MB)
     * @param maxFrameSizeBeforeLogin the largest frame a client may send until it has logged in (64B..max-frame-size):
     *                            an anonymous connection cannot make the server buffer a large frame
     * @param sendQueueLimit      bytes queued to one slow client before it is closed; at least max-frame-size
     * @param outboundBudget      bytes queued to all clients together, each frame counted with its overhead
     *                            (160 bytes); over it the sessions holding the most are closed as slow
     *                            consumers; at least send-queue-limit
     * @param socketReceiveBuffer SO_RCVBUF of each connection; 0 = the operating system's default
     * @param socketSendBuffer    SO_SNDBUF of each connection; 0 = the operating system's default
     * @param handshakeTimeout    how long a connection may take to say Hello
     * @param heartbeatInterval   how long a silent connection waits before it is pinged
     * @param idleTimeout         how long a silent connection lives; longer than heartbeat-interval
     * @param shutdownDrain       how long a graceful shutdown waits for sessions to read their Goodbye
     * @param goodbyeGrace        how long a slow consumer's Goodbye may take before the socket is closed anyway
     */
    public record Net(
            @DefaultValue("auto") Transport transport,
            @NotBlank @DefaultValue("0.0.0.0") String bindAddress,
            @Range(min = 0, max = 65535) @DefaultValue("7777") int port,
            @Range(min = 1, max = 65535) @DefaultValue("4096") int backlog,
            @Range(min = 0, max = 1024) @DefaultValue("0") int workerThreads,
            @Range(min = 1, max = 10_000_000) @DefaultValue("100000") int maxConnections,
            @Min(1) @DefaultValue("1024") int maxConnectionsPerIp,
            @DataSizeRange(min = "64B", max = "16MB") @DefaultValue("64KB") DataSize maxFrameSize,
            @DataSizeRange(min = "64B", max = "16MB") @DefaultValue("1KB") DataSize maxFrameSizeBeforeLogin,
            @DataSizeRange(min = "64B", max = "1GB") @DefaultValue("1MB") DataSize sendQueueLimit,
            @DataSizeRange(min = "64KB", max = "1TB") @DefaultValue("256MB") DataSize outboundBudget,
            @DataSizeRange(min = "0B", max = "1GB") @DefaultValue("0B") DataSize socketReceiveBuffer,
            @DataSizeRange(min = "0B", max = "1GB") @DefaultValue("0B") DataSize socketSendBuffer,
            @DurationMin(millis = 100) @DurationMax(minutes = 10) @DefaultValue("10s") Duration handshakeTimeout,
            @DurationMin(millis = 100) @DurationMax(days = 1) @DefaultValue("20s") Duration heartbeatInterval,
            @DurationMin(millis = 100) @DurationMax(days = 1) @DefaultValue("60s") Duration idleTimeout,
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("10s") Duration shutdownDrain,
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("2s") Duration goodbyeGrace) {

        public int maxFrameBytes() {
            return Math.toIntExact(maxFrameSize.toBytes());
        }

        public int maxFrameBytesBeforeLogin() {
            return Math.toIntExact(maxFrameSizeBeforeLogin.toBytes());
        }

        void validate(Errors errors) {
            if (maxConnectionsPerIp > maxConnections) {
                errors.rejectValue("maxConnectionsPerIp", "relation",
                        "must be at most tavern.net.max-connections (" + maxConnections + ")");
            }
            if (maxFrameSizeBeforeLogin.compareTo(maxFrameSize) > 0) {
                errors.rejectValue("maxFrameSizeBeforeLogin", "relation",
                        "must be at most tavern.net.max-frame-size (" + ConfigurationValues.text(maxFrameSize) + ")");
            }
            if (sendQueueLimit.compareTo(maxFrameSize) < 0) {
                errors.rejectValue("sendQueueLimit", "relation",
                        "must hold at least one frame: tavern.net.max-frame-size is " + ConfigurationValues.text(maxFrameSize));
            }
            if (outboundBudget.compareTo(sendQueueLimit) < 0) {
                errors.rejectValue("outboundBudget", "relation",
                        "must hold at least one session's queue: tavern.net.send-queue-limit is "
                                + ConfigurationValues.text(sendQueueLimit));
            }
            if (idleTimeout.compareTo(heartbeatInterval) <= 0) {
                errors.rejectValue("idleTimeout", "relation", "must be longer than tavern.net.heartbeat-interval ("
                        + ConfigurationValues.text(heartbeatInterval) + "), or every quiet session is closed before its ping");
            }
        }
    }

    /**
     * The logic tier: a fixed pool running per-session and per-room serial executors.
     *
     * @param threads           logic threads; 0 = one per core
     * @param sessionQueueLimit requests a session may have waiting before RATE_LIMITED
     * @param floodStrikes      RATE_LIMITED answers in a row before the session is closed as FLOODING
     */
    public record Logic(
            @Range(min = 0, max = 1024) @DefaultValue("0") int threads,
            @Range(min = 1, max = 65536) @DefaultValue("256") int sessionQueueLimit,
            @Range(min = 1, max = 65536) @DefaultValue("64") int floodStrikes) {
    }

    /**
     * Chat rules, applied in one place.
     *
     * @param maxLength  the longest message, in characters (code points), 1..2000 (what the archive stores); its
         *                   UTF-8 form must fit in a frame
     * @param rateLimit  messages per second and burst for each session
     * @param wordFilter words masked or refused
     * @param admission  when a room or the lobby refuses new chat because its audience is too far behind
     */
    public record Chat(
            @Range(min = 1, max = MAX_LENGTH_ARCHIVED) @DefaultValue("500") int maxLength,
            @Valid @DefaultValue RateLimit rateLimit,
            @Valid @DefaultValue WordFilter wordFilter,
            @Valid @DefaultValue Admission admission) {

        /**
         * Load shedding: new chat is refused with SERVER_BUSY and a retry hint while the audience cannot be
         * written to as fast as it is talked to, before its members' send queues overflow.
         *
         * @param memberBacklog a room (or the lobby) refuses while its typical member has this much queued;
         *                      under tavern.net.send-queue-limit
         * @param retryAfter    the shortest retry hint; the hint grows with the backlog, up to 8 times this
         */
        public record Admission(
                @DataSizeRange(min = "1KB", max = "1GB") @DefaultValue("64KB") DataSize memberBacklog,
                @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("500ms") Duration retryAfter) {
        }

        /**
         * The longest message the chat archive stores is {@link ArchivedMessage#MAX_TEXT_LENGTH} UTF-16 units;
         * a character (code point, as max-length counts) may take two.
         */
        static final int MAX_LENGTH_ARCHIVED = ArchivedMessage.MAX_TEXT_LENGTH / 2;
        /** Room a chat frame needs besides the text: sender, room id and name, ids, field tags. */
        static final int FRAME_OVERHEAD_BYTES = 1024;
        /** The most bytes one character takes in UTF-8. */
        static final int MAX_UTF8_BYTES_PER_CHARACTER = 4;

        /**
         * A token bucket per session; {@code per-second: 0} turns it off.
         *
         * @param perSecond messages a session may send per second, on average; 0 = no limit
         * @param burst     messages a session may send at once after a quiet spell
         */
        public record RateLimit(
                @DecimalMin("0") @DecimalMax("10000") @DefaultValue("5") double perSecond,
                @Range(min = 1, max = 100_000) @DefaultValue("10") int burst) {
        }

        /**
         * @param words words to mask or refuse, matched case-insensitively as whole words
         * @param mode  mask (replace each letter with *) or reject (refuse the message)
         */
        public record WordFilter(
                @DefaultValue List<@NotBlank String> words,
                @DefaultValue("mask") FilterMode mode) {
        }

        public enum FilterMode { MASK, REJECT }

        void validate(Errors errors, Net net) {
            if (admission.memberBacklog().compareTo(net.sendQueueLimit()) >= 0) {
                errors.rejectValue("admission.memberBacklog", "relation", "must be under tavern.net.send-queue-limit ("
                        + ConfigurationValues.text(net.sendQueueLimit()) + "), or members overflow before chat is refused");
            }
            long worstCase = (long) maxLength * MAX_UTF8_BYTES_PER_CHARACTER + FRAME_OVERHEAD_BYTES;
            if (worstCase > net.maxFrameSize().toBytes()) {
                errors.rejectValue("maxLength", "relation", "a message that long takes up to " + worstCase
                        + " bytes in a frame, more than tavern.net.max-frame-size ("
                        + ConfigurationValues.text(net.maxFrameSize()) + "); allowed here: at most "
                        + (net.maxFrameSize().toBytes() - FRAME_OVERHEAD_BYTES) / MAX_UTF8_BYTES_PER_CHARACTER);
            }
        }
    }

    /**
     * Room rules.
     *
     * @param maxCapacity       the most players a room may hold (2..100000)
     * @param defaultCapacity   the capacity of a room created without one; unset = 8, or max-capacity when
     *                          that is smaller; when set, 2..max-capacity
     * @param defaultMinPlayers players needed to start a game in a room created without a minimum; at most
     *                          the room's capacity (a smaller room needs all its players)
     * @param emptyGrace        how long an empty room stays open for its players to come back
     * @param historyOnJoin     recent messages a player receives on joining a room
     */
    public record Rooms(
            @Range(min = 2, max = 100_000) @DefaultValue("64") int maxCapacity,
            @Min(2) Integer defaultCapacity,
            @Min(1) @DefaultValue("2") int defaultMinPlayers,
            @DurationMin(millis = 0) @DurationMax(days = 1) @DefaultValue("30s") Duration emptyGrace,
            @Range(min = 0, max = 1000) @DefaultValue("50") int historyOnJoin) {

        /** The capacity of a room created without one when {@code default-capacity} is not set. */
        public static final int STANDARD_DEFAULT_CAPACITY = 8;

        /** {@code default-capacity}, or 8 fitted to {@code max-capacity} when it is not set. */
        public int effectiveDefaultCapacity() {
            return defaultCapacity != null ? defaultCapacity : Math.min(STANDARD_DEFAULT_CAPACITY, maxCapacity);
        }

        void validate(Errors errors) {
            if (defaultCapacity != null && defaultCapacity > maxCapacity) {
                errors.rejectValue("defaultCapacity", "relation",
                        "must be at most tavern.rooms.max-capacity (" + maxCapacity + ")");
            } else if (defaultMinPlayers > effectiveDefaultCapacity()) {
                errors.rejectValue("defaultMinPlayers", "relation", "must be at most the default room capacity ("
                        + effectiveDefaultCapacity() + ", from tavern.rooms.default-capacity and tavern.rooms.max-capacity)");
            }
        }
    }

    /**
     * Logins, names, and what guessing and account creation may cost the server.
     *
     * @param allowGuests   whether players may log in without an account
     * @param reservedNames names no player may take, besides {@code admin}, {@code system} and {@code server};
     *                      compared in any case and with look-alike letters and digits folded ({@code Adm1n})
     * @param loginAttempts failed logins (and room passwords) allowed before a name or an address must wait
     * @param registration  accounts one address may create
     * @param passwordHash  the Argon2id cost of each password hash, and the pool that computes them
     */
    public record Auth(
            @DefaultValue("true") boolean allowGuests,
            @DefaultValue List<@Pattern(regexp = NamePolicy.PATTERN,
                    message = "must be a name a player could take: " + NamePolicy.RULE) String> reservedNames,
            @Valid @DefaultValue LoginAttempts loginAttempts,
            @Valid @DefaultValue Registration registration,
            @Valid @DefaultValue PasswordHash passwordHash) {

        /**
         * Argon2id cost, the defaults OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), and the
         * {@code tavern-hash-*} threads that hash, apart from the DB threads.
         *
         * @param memoryKib     memory per hash, in KiB; at least 8 per lane
         * @param iterations    passes over the memory
         * @param parallelism   lanes
         * @param threads       hashing threads; 0 = one per core
         * @param queueCapacity hashes that may wait for a thread; beyond it logins and registrations get
         *                      SERVER_BUSY (the default is some 5 s of work for two cores at the default cost)
         */
        public record PasswordHash(
                @Range(min = 8, max = 4 * 1024 * 1024) @DefaultValue("19456") int memoryKib,
                @Range(min = 1, max = 100) @DefaultValue("2") int iterations,
                @Range(min = 1, max = 64) @DefaultValue("1") int parallelism,
                @Range(min = 0, max = 1024) @DefaultValue("0") int threads,
                @Range(min = 1, max = 100_000) @DefaultValue("100") int queueCapacity) {

            /** {@code threads}, or the cores of this machine when it is 0. */
            public int effectiveThreads() {
                return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            }

            void validate(Errors errors) {
                if (memoryKib < 8 * parallelism) {
                    errors.rejectValue("memoryKib", "relation", "Argon2 needs at least 8 KiB per lane: at least "
                            + 8 * parallelism + " with tavern.auth.password-hash.parallelism=" + parallelism);
                }
            }
        }

        /**
         * Password guessing, for account logins and room passwords alike (counted apart). An attempt is
         * counted from before its check runs, so parallel sessions get no more guesses than one. Once a limit
         * is reached the name (or the room, for one address) or the address must wait {@code backoff}, and each
         * further failure doubles the wait, up to {@code max-backoff}. An IPv6 address counts per /64.
         *
         * @param perName     failed logins allowed for one account name before it must wait; for a room, failed
         *                    passwords from one address
         * @param perAddress  failed logins allowed from one address before it must wait
         * @param backoff     the first wait once a limit is reached
         * @param maxBackoff  the longest wait
         * @param forgetAfter failures are forgotten after this long without one; at least max-backoff
         */
        public record LoginAttempts(
                @Range(min = 1, max = 1_000_000) @DefaultValue("5") int perName,
                @Range(min = 1, max = 1_000_000) @DefaultValue("20") int perAddress,
                @DurationMin(millis = 1) @DurationMax(days = 1) @DefaultValue("1m") Duration backoff,
                @DurationMin(millis = 1) @DurationMax(days = 7) @DefaultValue("15m") Duration maxBackoff,
                @DurationMin(millis = 1) @DurationMax(days = 7) @DefaultValue("1h") Duration forgetAfter) {

            void validate(Errors errors) {
                if (maxBackoff.compareTo(backoff) < 0) {
                    errors.rejectValue("maxBackoff", "relation", "must be at least tavern.auth.login-attempts.backoff ("
                            + ConfigurationValues.text(backoff) + ")");
                } else if (forgetAfter.compareTo(maxBackoff) < 0) {
                    errors.rejectValue("forgetAfter", "relation", "must be at least tavern.auth.login-attempts.max-backoff ("
                            + ConfigurationValues.text(maxBackoff) + "), or a wait would outlast the failures it counts");
                }
            }
        }

        /**
         * Account creation: each costs a password hash and a row for good.
         *
         * @param perAddress accounts one address (an IPv6 /64) may create within the window
         * @param window     how long a created account counts
         */
        public record Registration(
                @Range(min = 1, max = 1_000_000) @DefaultValue("5") int perAddress,
                @DurationMin(seconds = 1) @DurationMax(days = 7) @DefaultValue("1h") Duration window) {
        }
    }

    /**
     * How the configuration itself is checked at start.
     *
     * @param unknownKeys what a {@code tavern.*} key the server does not know does: fail (the server does
     *                    not start) or warn (it is logged and ignored)
     */
    public record Config(@DefaultValue("fail") UnknownKeys unknownKeys) {

        public enum UnknownKeys { FAIL, WARN }
    }

    /**
     * The relations between values, checked after each value passed its own constraints (Spring Boot runs
     * a properties class that is a {@link Validator} after Bean Validation). A relation whose values are
     * themselves invalid is not checked again: one error per mistake.
     */
    @Override
    public void validate(Object target, Errors errors) {
        if (errors.hasErrors()) {
            return;
        }
        nested(errors, "net", () -> net.validate(errors));
        nested(errors, "chat", () -> chat.validate(errors, net));
        nested(errors, "rooms", () -> rooms.validate(errors));
        nested(errors, "auth.passwordHash", () -> auth.passwordHash().validate(errors));
        nested(errors, "auth.loginAttempts", () -> auth.loginAttempts().validate(errors));
    }

    @Override
    public boolean supports(Class<?> type) {
        return TavernProperties.class.isAssignableFrom(type);
    }

    private static void nested(Errors errors, String path, Runnable check) {
        errors.pushNestedPath(path);
        try {
            check.run();
        } finally {
            errors.popNestedPath();
        }
    }
}
