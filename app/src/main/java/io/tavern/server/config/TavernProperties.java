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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param net      the game port and its connections
 * @param logic    the logic tier
 * @param chat     chat rules
 * @param rooms    room rules
 * @param lobby    the room list and its feed
 * @param auth     logins and password hashing
 * @param limits   what requests cost and how fast a session and an address may spend
 * @param shutdown every wait of a graceful shutdown: the shutdown budget
 * @param config   how the configuration itself is checked
 */
@Validated
@ConfigurationProperties("tavern")
public record TavernProperties(
        @Valid @DefaultValue Net net,
        @Valid @DefaultValue Logic logic,
        @Valid @DefaultValue Chat chat,
        @Valid @DefaultValue Rooms rooms,
        @Valid @DefaultValue Lobby lobby,
        @Valid @DefaultValue Auth auth,
        @Valid @DefaultValue Limits limits,
        @Valid @DefaultValue Shutdown shutdown,
        @Valid @DefaultValue Config config) implements Validator {

    public enum Transport { AUTO, IO_URING, EPOLL, NIO }

    /**
     * The game port and its connections.
     *
     * @param transport           the I/O model: auto (epoll, else io_uring, else NIO), io_uring, epoll or nio
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
     * @param floodStrikes      RATE_LIMITED answers a session may get at once before it is closed as FLOODING; they
     *                          are forgiven at this many a second
     * @param batchBudget       how long one session or room may run its queued tasks on a logic thread before
     *                          it steps back behind the others (checked between tasks), 10µs..1s
     */
    public record Logic(
            @Range(min = 0, max = 1024) @DefaultValue("0") int threads,
            @Range(min = 1, max = 65536) @DefaultValue("256") int sessionQueueLimit,
            @Range(min = 1, max = 65536) @DefaultValue("64") int floodStrikes,
            @DurationMin(nanos = 10_000) @DurationMax(seconds = 1) @DefaultValue("1ms") Duration batchBudget) {
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
         * @param stalledAfter  a member whose socket has taken none of a write for this long has stopped reading:
         *                      it no longer counts in the typical backlog, and its own send-queue limit deals with it
         * @param budgetShare   percent of tavern.net.outbound-budget one audience (a room, the lobby) may be charged:
         *                      refused while the typical member's charge times the audience's size reaches it
         */
        public record Admission(
                @DataSizeRange(min = "1KB", max = "1GB") @DefaultValue("64KB") DataSize memberBacklog,
                @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("500ms") Duration retryAfter,
                @DurationMin(millis = 10) @DurationMax(minutes = 10) @DefaultValue("2s") Duration stalledAfter,
                @Range(min = 1, max = 100) @DefaultValue("50") int budgetShare) {
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
     * @param maxRooms          open rooms on this server in all; beyond it CreateRoom gets TOO_MANY_ROOMS
     * @param maxRoomsPerPlayer open rooms one player (an account, or a guest session) may have created, counted
     *                          until each closes (an empty room lingers for empty-grace)
     * @param creationsPerMinute           rooms one session may create per minute (a token bucket: this many at
     *                                     once, then one every 60/n seconds)
     * @param creationsPerMinutePerAddress rooms all the sessions of one address (an IPv6 /64) may create per minute
     */
    public record Rooms(
            @Range(min = 2, max = 100_000) @DefaultValue("64") int maxCapacity,
            @Min(2) Integer defaultCapacity,
            @Min(1) @DefaultValue("2") int defaultMinPlayers,
            @DurationMin(millis = 0) @DurationMax(days = 1) @DefaultValue("30s") Duration emptyGrace,
            @Range(min = 0, max = 1000) @DefaultValue("50") int historyOnJoin,
            @Range(min = 1, max = 10_000_000) @DefaultValue("10000") int maxRooms,
            @Range(min = 1, max = 10_000_000) @DefaultValue("3") int maxRoomsPerPlayer,
            @Range(min = 1, max = 100_000) @DefaultValue("10") int creationsPerMinute,
            @Range(min = 1, max = 1_000_000) @DefaultValue("30") int creationsPerMinutePerAddress) {

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
     * The room list and the feed of its changes.
     *
     * @param feedInterval the least time between two batches of room-list deltas to the lobby's watchers
     *                     (10ms..10s): changes in between are coalesced per room, the latest winning; the
     *                     default 100ms is at most 10 batches a second
     */
    public record Lobby(
            @DurationMin(millis = 10) @DurationMax(seconds = 10) @DefaultValue("100ms") Duration feedInterval) {
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
     * The shutdown budget: every wait of a graceful shutdown. They run one after the other (the game port,
     * then the HTTP server, then the tiers as Spring destroys them: logic, hashing, node lease, archive,
     * database), so the longest a graceful shutdown takes is their sum, {@link #total()}, logged at start-up. A
     * platform that kills the server after a grace period (Kubernetes' {@code terminationGracePeriodSeconds})
     * must allow that sum, plus a margin for what is not waited on here: the JVM's exit and the connection
     * pool's own close, which take a moment unless something is badly wrong.
     *
     * @param networkDrain  how long sessions have to read their {@code Goodbye(SERVER_SHUTDOWN)} and close
     * @param networkClose  then, how long closing the connections still open and stopping the event loops may take
     * @param httpDrain     how long HTTP requests in flight (admin API, probes) may take to finish: Spring's
     *                      graceful shutdown ({@code spring.lifecycle.timeout-per-shutdown-phase} follows it)
     * @param logicDrain    how long the logic tier's queued tasks may run
     * @param hashDrain     how long queued password hashes may run
     * @param nodeRelease   how long releasing the node id lease may take (a renewal in flight included)
     * @param archiveFlush  how long the chat archive keeps trying to write the messages it accepted
     * @param databaseDrain how long queued database tasks may run before the connection pool closes
     */
    public record Shutdown(
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("10s") Duration networkDrain,
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("2s") Duration networkClose,
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("5s") Duration httpDrain,
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("2s") Duration logicDrain,
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("2s") Duration hashDrain,
            @DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("2s") Duration nodeRelease,
            @DurationMin(millis = 1) @DurationMax(minutes = 10) @DefaultValue("10s") Duration archiveFlush,
            @DurationMin(millis = 1) @DurationMax(minutes = 10) @DefaultValue("5s") Duration databaseDrain) {

        /** Each wait by its key under {@code tavern.shutdown}. */
        public Map<String, Duration> terms() {
            Map<String, Duration> terms = new LinkedHashMap<>();
            terms.put("network-drain", networkDrain);
            terms.put("network-close", networkClose);
            terms.put("http-drain", httpDrain);
            terms.put("logic-drain", logicDrain);
            terms.put("hash-drain", hashDrain);
            terms.put("node-release", nodeRelease);
            terms.put("archive-flush", archiveFlush);
            terms.put("database-drain", databaseDrain);
            return terms;
        }

        /** The longest a graceful shutdown takes: the sum of its waits. */
        public Duration total() {
            return terms().values().stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    /**
     * Request budgets, checked as each request arrives, before it is queued: every request costs tokens
     * ({@code costs}) from its session's bucket and its address's; one that finds too few is answered
     * {@code RATE_LIMITED} with when to retry, and {@code tavern.logic.flood-strikes} such answers in a row close
     * the session as {@code FLOODING}. A unit is about what a cheap request (a ready toggle) costs the server.
     *
     * @param session the budget of each session
     * @param address the budget of each address (an IPv4 address or an IPv6 /64), shared by all its sessions
     * @param costs   what each kind of request costs, in tokens
     */
    public record Limits(
            @Valid @DefaultValue SessionBudget session,
            @Valid @DefaultValue AddressBudget address,
            @Valid @DefaultValue Costs costs) {

        /**
         * @param perSecond tokens a session gets per second, on average; 0 = no session budget
         * @param burst     tokens a session may spend at once after a quiet spell; at least the dearest cost
         */
        public record SessionBudget(
                @DecimalMin("0") @DecimalMax("1000000") @DefaultValue("100") double perSecond,
                @Range(min = 1, max = 10_000_000) @DefaultValue("200") int burst) {
        }

        /**
         * @param perSecond tokens all the sessions of one address get per second; 0 = no address budget
         * @param burst     tokens they may spend at once; at least the dearest cost
         */
        public record AddressBudget(
                @DecimalMin("0") @DecimalMax("10000000") @DefaultValue("2000") double perSecond,
                @Range(min = 1, max = 100_000_000) @DefaultValue("10000") int burst) {
        }

        /**
         * Tokens each request kind costs (0 = free): about what it costs the server, in work, memory, database
         * time and messages to others.
         *
         * @param login           LoginGuest, Login, Register: a database query and perhaps a password hash
         * @param sendChat        SendChat, besides the chat rate limit (tavern.chat.rate-limit)
         * @param history         History: a database query
         * @param listRooms       ListRooms
         * @param getRoom         GetRoom
         * @param listMembers     ListMembers
         * @param listOnlineUsers ListOnlineUsers
         * @param watchLobby      WatchLobby: a full listing, then events
         * @param createRoom      CreateRoom: a room, and an event to everyone watching the lobby
         * @param joinRoom        JoinRoom: the room's details and recent history, an event to its members
         * @param leaveRoom       LeaveRoom
         * @param kickMember      KickMember
         * @param setReady        SetReady
         * @param startGame       StartGame
         * @param endGame         EndGame
         * @param updateRoom      UpdateRoom
         * @param report          Report: a database write, read by people
         */
        public record Costs(
                @Range(min = 0, max = 1_000_000) @DefaultValue("10") int login,
                @Range(min = 0, max = 1_000_000) @DefaultValue("1") int sendChat,
                @Range(min = 0, max = 1_000_000) @DefaultValue("10") int history,
                @Range(min = 0, max = 1_000_000) @DefaultValue("5") int listRooms,
                @Range(min = 0, max = 1_000_000) @DefaultValue("1") int getRoom,
                @Range(min = 0, max = 1_000_000) @DefaultValue("1") int listMembers,
                @Range(min = 0, max = 1_000_000) @DefaultValue("5") int listOnlineUsers,
                @Range(min = 0, max = 1_000_000) @DefaultValue("5") int watchLobby,
                @Range(min = 0, max = 1_000_000) @DefaultValue("10") int createRoom,
                @Range(min = 0, max = 1_000_000) @DefaultValue("2") int joinRoom,
                @Range(min = 0, max = 1_000_000) @DefaultValue("1") int leaveRoom,
                @Range(min = 0, max = 1_000_000) @DefaultValue("2") int kickMember,
                @Range(min = 0, max = 1_000_000) @DefaultValue("1") int setReady,
                @Range(min = 0, max = 1_000_000) @DefaultValue("2") int startGame,
                @Range(min = 0, max = 1_000_000) @DefaultValue("2") int endGame,
                @Range(min = 0, max = 1_000_000) @DefaultValue("2") int updateRoom,
                @Range(min = 0, max = 1_000_000) @DefaultValue("10") int report) {

            /** The dearest request. */
            public int max() {
                return java.util.stream.IntStream.of(login, sendChat, history, listRooms, getRoom, listMembers,
                        listOnlineUsers, watchLobby, createRoom, joinRoom, leaveRoom, kickMember, setReady, startGame,
                        endGame, updateRoom, report).max().orElse(0);
            }
        }

        void validate(Errors errors) {
            int dearest = costs.max();
            if (session.perSecond() > 0 && session.burst() < dearest) {
                errors.rejectValue("session.burst", "relation", "must be at least the dearest request's cost ("
                        + dearest + ", tavern.limits.costs.*), or that request could never be made");
            } else if (address.perSecond() > 0 && address.burst() < dearest) {
                errors.rejectValue("address.burst", "relation", "must be at least the dearest request's cost ("
                        + dearest + ", tavern.limits.costs.*), or that request could never be made");
            }
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
        nested(errors, "limits", () -> limits.validate(errors));
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
