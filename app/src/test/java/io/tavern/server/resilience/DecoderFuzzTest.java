package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.netty.channel.Channel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tavern.protocol.EnvelopeReader;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Envelope.BodyCase;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.Ping;
import io.tavern.server.net.TavernServer;
import io.tavern.server.session.SessionRegistry;
import io.tavern.server.resilience.HostileFrames.Episode;
import io.tavern.server.resilience.HostileFrames.Request;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import io.tavern.testing.LeakDetection;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, decoder fuzzing: over 100 000 hostile frames from a seeded generator ({@link HostileFrames})
 * against a live server, while two bystanders chat in the lobby.
 *
 * <ol>
 *   <li>Every body the schema has, with hostile content, in every state: before Hello, before login, in
 *       the lobby, in a room.</li>
 *   <li>Thousands of one-frame episodes, each on its own connection: random bytes, length prefixes over
 *       the limit or with the top bit set, frames cut short, 1 MiB strings, groups nested past the
 *       parser's limit, invalid UTF-8, impossible tags, wrong first frames, exactly-maximum frames.</li>
 *   <li>The rest, valid but hostile, pipelined on long-lived sessions in each state.</li>
 * </ol>
 *
 * <p>Throughout: the server stays up and answers; each hostile session ends with its typed error and a
 * close, or goes on answering; every request gets exactly one answer, and never {@code INTERNAL}; the
 * bystanders lose nothing; and once the server is closed, PARANOID leak detection finds no buffer that
 * was never released. The seed is fixed (override with {@code -Dtavern.fuzz.seed=N}), every count bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecoderFuzzTest {

    private static final Logger log = LoggerFactory.getLogger(DecoderFuzzTest.class);

    static final long SEED = Long.getLong("tavern.fuzz.seed", 0x7A7E_2026_0008L);
    static final int TOTAL_FRAMES = 100_000;
    static final int EPISODES = 6_000;
    static final int PARALLEL = 6;
    /** Unanswered requests one session may have: well under the server's inbound queue limit (256). */
    static final int WINDOW = 16;
    static final int FRAMES_PER_SESSION = 2_500;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** Connections come from 127.0.0.2 to 127.0.0.33, so thousands of them never run out of local ports. */
    static final int LOCAL_ADDRESSES = 32;
    static final long SENTINEL = 0x5E471E1L;

    /** Where a session stands when its hostile frames arrive. */
    enum State { BEFORE_HELLO, ANONYMOUS, LOBBY, ROOM }

    /** The result a successful request is answered with. */
    static final Map<BodyCase, BodyCase> RESULTS = new EnumMap<>(Map.ofEntries(
            Map.entry(BodyCase.PING, BodyCase.PONG),
            Map.entry(BodyCase.LOGIN_GUEST, BodyCase.LOGIN_OK),
            Map.entry(BodyCase.REGISTER, BodyCase.LOGIN_OK),
            Map.entry(BodyCase.LOGIN, BodyCase.LOGIN_OK),
            Map.entry(BodyCase.SEND_CHAT, BodyCase.ACK),
            Map.entry(BodyCase.HISTORY, BodyCase.HISTORY_PAGE),
            Map.entry(BodyCase.LIST_ROOMS, BodyCase.ROOM_LIST),
            Map.entry(BodyCase.GET_ROOM, BodyCase.ROOM_DETAILS),
            Map.entry(BodyCase.CREATE_ROOM, BodyCase.ROOM_DETAILS),
            Map.entry(BodyCase.JOIN_ROOM, BodyCase.ROOM_DETAILS),
            Map.entry(BodyCase.LEAVE_ROOM, BodyCase.ACK),
            Map.entry(BodyCase.KICK_MEMBER, BodyCase.ACK),
            Map.entry(BodyCase.SET_READY, BodyCase.ACK),
            Map.entry(BodyCase.START_GAME, BodyCase.ACK),
            Map.entry(BodyCase.END_GAME, BodyCase.ACK),
            Map.entry(BodyCase.LIST_MEMBERS, BodyCase.MEMBER_LIST),
            Map.entry(BodyCase.LIST_ONLINE_USERS, BodyCase.ONLINE_USER_LIST),
            Map.entry(BodyCase.WATCH_LOBBY, BodyCase.ACK),
            Map.entry(BodyCase.UPDATE_ROOM, BodyCase.ACK),
            Map.entry(BodyCase.REPORT, BodyCase.ACK)));

    private final FuzzReport report = new FuzzReport();
    private final SplittableRandom seeds = new SplittableRandom(SEED);
    private final AtomicInteger connections = new AtomicInteger();

    private RunningServer server;
    private GameClients clients;
    private Bystanders bystanders;

    @BeforeAll
    void startServerAndBystanders() throws Exception {
        // Cheap password hashing: the fuzzer registers accounts now and then, and each would cost 19 MiB. No
        // request budget or room-creation rate: a fuzzing session sends thousands of requests as fast as it
        // is answered, which the budget would rightly close as FLOODING (RequestBudgetTest). One frame limit in
        // every state, the one its oracle knows: the smaller limit before login is HostileInputTest's to pin down.
        server = RunningServer.start("tavern.rooms.empty-grace=1s",
                "tavern.auth.password-hash.memory-kib=64", "tavern.auth.password-hash.iterations=1",
                "tavern.limits.session.per-second=0", "tavern.rooms.creations-per-minute=100000",
                "tavern.rooms.max-rooms-per-player=10000000",
                "tavern.net.max-frame-size-before-login=" + HostileFrames.MAX_FRAME_BYTES + "B");
        clients = new GameClients(server.port());
        bystanders = Bystanders.inLobby(clients);
        log.info("fuzzing with seed {} (-Dtavern.fuzz.seed={})", SEED, SEED);
    }

    @BeforeEach
    void bystandersStartChatting() {
        bystanders.start();
    }

    @AfterEach
    void bystandersLostNothingAndTheServerStillServesNewcomers() throws Exception {
        bystanders.stopAndVerify();
        assertThat(server.bean(TavernServer.class).isAccepting()).isTrue();
        Player newcomer = clients.guest("newcomer");
        assertThat(newcomer.client().sendChat(ChatScope.LOBBY, null, "after the storm")
                .get(10, TimeUnit.SECONDS).hasAck()).isTrue();
        newcomer.client().close();
    }

    @AfterAll
    void noBufferLeakedOnceTheServerIsClosed() throws Exception {
        try {
            bystanders.close();
            clients.close();
        } finally {
            server.close();
        }
        log.info("fuzz report: {}; bystander lines checked: {}", report, bystanders.verifiedLines());
        assertThat(report.frames()).as("hostile frames sent").isGreaterThanOrEqualTo(TOTAL_FRAMES);
        // Every connection and the server's pools are gone, so an unreleased buffer is garbage now, which
        // PARANOID detection reports once collected. (LeakCheckExtension checks again after this.)
        assertThat(LeakDetection.collectLeaks()).as("leaked buffers").isEmpty();
    }

    // ------------------------------------------------------------------ 1. every type in every state

    @Test
    @Order(1)
    void everyMessageTypeInEveryStateGetsOneTypedAnswerOrATypedClose() throws Exception {
        HostileFrames frames = new HostileFrames(seeds.split());
        int cases = 0;
        for (State state : State.values()) {
            for (FieldDescriptor body : HostileFrames.BODIES) {
                sweep(state, sweepBody(frames, body));
                cases++;
            }
            sweep(state, Envelope.newBuilder().setRequestId(42).build().toByteArray());
            sweep(state, HostileFrames.concat(Envelope.newBuilder().setRequestId(42).build().toByteArray(),
                    frames.unknownField(HostileFrames.UNKNOWN_BODY_FIELD, 0)));
            cases += 2;
        }
        report.assertNoFailures();
        assertThat(cases).isEqualTo(State.values().length * (HostileFrames.BODIES.size() + 2));
        // Before Hello: every body but Hello, and the empty and unknown-body envelopes, end the connection.
        assertThat(report.count("sweep BEFORE_HELLO PROTOCOL_ERROR HANDSHAKE_REQUIRED"))
                .isEqualTo(HostileFrames.BODIES.size() - 1 + 2);
        // Before login: every request but the three logins (and what the network tier answers itself).
        int connectionLevel = 4; // Hello, Ping, Pong, Goodbye
        assertThat(report.count("sweep ANONYMOUS error NOT_LOGGED_IN")).isEqualTo(HostileFrames.BODIES.size()
                - HostileFrames.SERVER_ONLY.size() - connectionLevel - HostileFrames.BEFORE_LOGIN.size());
        assertThat(report.count("sweep LOBBY error UNKNOWN_MESSAGE")).isEqualTo(HostileFrames.SERVER_ONLY.size() + 2);
        assertThat(report.count("sweep ROOM error ALREADY_LOGGED_IN")).isEqualTo(HostileFrames.BEFORE_LOGIN.size());
    }

    /** A hostile envelope with request id 42 whose body, once parsed, is still {@code body}. */
    private static byte[] sweepBody(HostileFrames frames, FieldDescriptor body) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            byte[] bytes = frames.hostileEnvelope(42, body, true);
            Envelope parsed = HostileFrames.parseOrNull(bytes);
            if (parsed != null && parsed.getRequestId() == 42 && parsed.getBodyCase().getNumber() == body.getNumber()
                    && bytes.length <= HostileFrames.MAX_FRAME_BYTES) {
                return bytes;
            }
        }
        throw new IllegalStateException("no valid hostile " + body.getName());
    }

    private void sweep(State state, byte[] body) throws Exception {
        Envelope request = HostileFrames.parseOrNull(body);
        byte[] frame = WireConnection.frame(body);
        String what = "sweep " + state + " " + request.getBodyCase();
        if (state == State.BEFORE_HELLO) {
            runEpisode(new Episode(what, false, frame, false, HostileFrames.judge(false, frame, false)), "sweep " + state);
            return;
        }
        report.frameSent();
        try (WireConnection connection = connect()) {
            enter(connection, state);
            connection.write(frame);
            if (request.getBodyCase() == BodyCase.GOODBYE) {
                expectSilentClose(connection, what, false);
                report.saw("sweep " + state + " goodbye closes");
                return;
            }
            if (request.getBodyCase() != BodyCase.PONG) {
                Envelope reply = awaitReply(connection, request.getRequestId(), what);
                String wrong = wrongReply(state, request, reply);
                if (wrong != null) {
                    report.fail(what + ": " + wrong + " (request " + shortened(request) + ")");
                }
                report.saw("sweep " + state + " " + outcome(reply));
            }
            expectAlive(connection, what);
        }
    }

    // ------------------------------------------------------------------ 2. one-frame episodes

    @Test
    @Order(2)
    void malformedFramesEndTheirConnectionWithTheirTypedErrorAndTheRestAreAnswered() throws Exception {
        inParallel(EPISODES, (frames, index) -> runEpisode(frames.episode(), "episode"));
        report.assertNoFailures();
        for (ErrorCode code : List.of(ErrorCode.FRAME_TOO_LARGE, ErrorCode.MALFORMED_FRAME,
                ErrorCode.HANDSHAKE_REQUIRED, ErrorCode.UNSUPPORTED_VERSION)) {
            assertThat(report.count("episode PROTOCOL_ERROR " + code)).as("episodes ending in %s", code).isPositive();
        }
        assertThat(report.count("episode ALIVE")).isPositive();
        assertThat(report.count("episode QUIT")).isPositive();
        // The boundaries the issue names, each met and each ending as it must:
        assertThat(report.count("kind megabyte-string PROTOCOL_ERROR FRAME_TOO_LARGE")).isPositive();
        assertThat(report.count("kind length-top-bit PROTOCOL_ERROR FRAME_TOO_LARGE")).isPositive();
        assertThat(report.count("kind length-over-max PROTOCOL_ERROR FRAME_TOO_LARGE")).isPositive();
        assertThat(report.count("kind exactly-max-frame ALIVE")).isPositive();
        assertThat(report.count("kind empty-envelope ALIVE")).isPositive();
        assertThat(report.count("kind truncated PROTOCOL_ERROR MALFORMED_FRAME")).isPositive();
        assertThat(report.count("kind invalid-utf8 PROTOCOL_ERROR MALFORMED_FRAME")).isPositive();
        assertThat(report.count("kind deep-nesting-10 ALIVE")).isPositive();
        assertThat(report.count("kind deep-nesting-5000 PROTOCOL_ERROR MALFORMED_FRAME")).isPositive();
    }

    private void runEpisode(Episode episode, String label) {
        report.frameSent();
        String what = episode.kind() + " (" + (episode.afterHello() ? "after" : "before") + " Hello)";
        try (WireConnection connection = connect()) {
            byte[] hello = episode.afterHello()
                    ? WireConnection.frame(HostileFrames.hello(1, ProtocolVersion.CURRENT)) : new byte[0];
            try {
                connection.write(HostileFrames.concat(hello, episode.bytes()));
                if (episode.halfClose()) {
                    connection.shutdownOutput();
                }
            } catch (IOException closedWhileWriting) {
                // The server may refuse a long frame before it is all written; what it said is still there to read.
            }
            HostileFrames.Verdict verdict = episode.verdict();
            switch (verdict.fate()) {
                case PROTOCOL_ERROR -> expectProtocolError(connection, episode, what);
                case ALIVE -> expectAlive(connection, what);
                case QUIT -> expectSilentClose(connection, what, true);
                default -> throw new IllegalStateException();
            }
            String fate = verdict.fate() + (verdict.code() == null ? "" : " " + verdict.code());
            report.saw(label + " " + fate);
            report.saw("kind " + episode.kind() + " " + fate);
        } catch (Exception | AssertionError e) {
            report.fail(what + ": " + e);
        }
    }

    /** Error{code, rid}, Goodbye(PROTOCOL_ERROR), close: nothing else, nothing missing. */
    private void expectProtocolError(WireConnection connection, Episode episode, String what) throws IOException {
        List<Envelope> frames = readUntilClosed(connection);
        if (episode.afterHello()) {
            if (frames.isEmpty() || !frames.get(0).hasWelcome()) {
                report.fail(what + ": no Welcome first: " + frames);
                return;
            }
            frames = frames.subList(1, frames.size());
        }
        HostileFrames.Verdict verdict = episode.verdict();
        boolean right = frames.size() == 2
                && frames.get(0).hasError() && frames.get(0).getError().getCode() == verdict.code()
                && frames.get(0).getRequestId() == verdict.rid()
                && frames.get(1).hasGoodbye() && frames.get(1).getGoodbye().getReason() == Goodbye.Reason.PROTOCOL_ERROR;
        if (!right) {
            report.fail(what + ": expected Error " + verdict.code() + " rid " + verdict.rid()
                    + ", Goodbye(PROTOCOL_ERROR), close; got " + brief(frames));
        }
    }

    // ------------------------------------------------------------------ 3. pipelined hostile requests

    @Test
    @Order(3)
    void pipelinedHostileRequestsAreEachAnsweredOnceAndNeverWithAnInternalError() throws Exception {
        long bulk = Math.max(TOTAL_FRAMES - report.frames(), FRAMES_PER_SESSION);
        int sessions = Math.toIntExact((bulk + FRAMES_PER_SESSION - 1) / FRAMES_PER_SESSION);
        State[] states = {State.ANONYMOUS, State.LOBBY, State.ROOM};
        inParallel(sessions, (frames, index) -> {
            long share = Math.min(FRAMES_PER_SESSION, bulk - (long) index * FRAMES_PER_SESSION);
            runSession(states[index % states.length], Math.toIntExact(share), frames);
        });
        report.assertNoFailures();
        assertThat(report.count("bulk error " + ErrorCode.UNKNOWN_MESSAGE)).isPositive();
        assertThat(report.count("bulk error " + ErrorCode.INVALID_STATE)).isPositive();
        assertThat(report.count("bulk error " + ErrorCode.NOT_LOGGED_IN)).isPositive();
        assertThat(report.count("bulk " + BodyCase.PONG)).isPositive();
    }

    /**
     * One long-lived session: set up in {@code state}, then {@code count} hostile frames with at most
     * {@link #WINDOW} unanswered, each answer checked as it arrives, then a Ping that must still be
     * answered, then a polite Goodbye.
     */
    private void runSession(State state, int count, HostileFrames frames) {
        long[] bases = {1_000, 0xFFFF_FF00L, Long.MAX_VALUE - 10_000, -50_000};
        long base = bases[frames.random().nextInt(bases.length)];
        Map<Long, Envelope> outstanding = new ConcurrentHashMap<>();
        Semaphore window = new Semaphore(WINDOW);
        String what = "bulk session " + state + " from rid " + Long.toUnsignedString(base);
        try (WireConnection connection = connect()) {
            enter(connection, state);
            Thread reader = new Thread(() -> readReplies(connection, outstanding, window, what), "fuzz-reader");
            reader.setDaemon(true);
            reader.start();
            ArrayDeque<String> recent = new ArrayDeque<>();
            for (int i = 0; i < count; i++) {
                long rid = base + i;
                Request request = frames.request(rid);
                recent.addLast(Long.toUnsignedString(rid) + ":" + request.kind() + ":" + request.frame().length);
                if (recent.size() > 40) {
                    recent.removeFirst();
                }
                if (request.expectsReply()) {
                    if (!window.tryAcquire()) {
                        connection.flush();
                        if (!window.tryAcquire(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                            report.fail(what + ": no answers within " + READ_TIMEOUT + " to " + describe(outstanding)
                                    + "; " + serverView(connection) + "; last sent " + recent);
                            return;
                        }
                    }
                    outstanding.put(rid, request.parsed());
                }
                connection.append(request.frame());
                report.frameSent();
            }
            long sentinel = base + count + 1;
            connection.flush();
            if (!window.tryAcquire(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                report.fail(what + ": no answers within " + READ_TIMEOUT + " to " + describe(outstanding)
                        + "; " + serverView(connection));
                return;
            }
            outstanding.put(sentinel, ping(sentinel));
            connection.write(WireConnection.frame(ping(sentinel)));
            if (!window.tryAcquire(WINDOW, READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                report.fail(what + ": unanswered after " + READ_TIMEOUT + ": " + describe(outstanding)
                        + "; " + serverView(connection));
                return;
            }
            connection.write(WireConnection.frame(goodbye()));
            reader.join(READ_TIMEOUT.toMillis());
        } catch (Exception | AssertionError e) {
            report.fail(what + ": " + e);
        }
    }

    /** The session's reader: matches each answer to its request and judges it. */
    private void readReplies(WireConnection connection, Map<Long, Envelope> outstanding, Semaphore window, String what) {
        try {
            readRepliesOrThrow(connection, outstanding, window, what);
        } catch (IOException | RuntimeException | Error e) {
            report.fail(what + ": reading failed: " + e);
        }
    }

    private void readRepliesOrThrow(WireConnection connection, Map<Long, Envelope> outstanding, Semaphore window,
                                    String what) throws IOException {
        while (true) {
            Envelope frame = connection.read();
            if (frame == WireConnection.END_OF_STREAM) {
                if (!outstanding.isEmpty()) {
                    report.fail(what + ": closed with " + describe(outstanding) + " unanswered");
                }
                return;
            }
            if (frame.getRequestId() == 0) {
                if (frame.hasGoodbye() || frame.hasError()) {
                    report.fail(what + ": the server ended the session: " + frame);
                }
                continue; // an event: lobby chat, a room event, a server ping
            }
            Envelope request = outstanding.remove(frame.getRequestId());
            if (request == null) {
                report.fail(what + ": an answer to nothing outstanding (a second answer?): " + frame);
                continue;
            }
            String wrong = wrongReply(null, request, frame);
            if (wrong != null) {
                report.fail(what + ": " + wrong + " (request " + shortened(request) + ")");
            }
            report.saw("bulk " + outcome(frame));
            window.release();
        }
    }

    // ------------------------------------------------------------------ the oracle for answers

    /** Null when {@code reply} is a right answer to {@code request}; {@code state} null when not known exactly. */
    static String wrongReply(State state, Envelope request, Envelope reply) {
        BodyCase kind = request.getBodyCase();
        ErrorCode required = requiredError(state, kind);
        if (reply.hasError()) {
            ErrorCode code = reply.getError().getCode();
            if (code == ErrorCode.ERROR_CODE_UNSPECIFIED || code == ErrorCode.INTERNAL || code == ErrorCode.UNRECOGNIZED) {
                return "an untyped or internal error: " + reply.getError();
            }
            if (required != null && code != required) {
                return "expected " + required + ", got " + code;
            }
            return null;
        }
        if (required != null) {
            return "expected " + required + ", got " + reply.getBodyCase();
        }
        BodyCase result = RESULTS.get(kind);
        if (kind == BodyCase.WATCH_LOBBY && reply.hasRoomList()) {
            return null; // WatchLobby{snapshot: true} answers with the list at a version, not an Ack
        }
        return reply.getBodyCase() == result ? null : "expected " + result + " or a typed error, got " + reply;
    }

    /** The one error some requests must get whatever their content. */
    private static ErrorCode requiredError(State state, BodyCase kind) {
        if (kind == BodyCase.BODY_NOT_SET || HostileFrames.SERVER_ONLY.contains(kind)) {
            return ErrorCode.UNKNOWN_MESSAGE;
        }
        if (kind == BodyCase.HELLO) {
            return ErrorCode.INVALID_STATE;
        }
        if (state == State.ANONYMOUS && !HostileFrames.BEFORE_LOGIN.contains(kind) && kind != BodyCase.PING) {
            return ErrorCode.NOT_LOGGED_IN;
        }
        if ((state == State.LOBBY || state == State.ROOM) && HostileFrames.BEFORE_LOGIN.contains(kind)) {
            return ErrorCode.ALREADY_LOGGED_IN;
        }
        return null;
    }

    // ------------------------------------------------------------------ sessions and connections

    /** What the server holds for this connection: for explaining a stall. */
    private String serverView(WireConnection connection) {
        InetSocketAddress local = connection.localAddress();
        return server.bean(SessionRegistry.class).sessions().stream()
                .filter(session -> local.equals(session.remoteAddress()))
                .findFirst()
                .map(session -> "server side: " + session + " active=" + session.channel().isActive()
                        + " writable=" + session.channel().isWritable()
                        + " autoRead=" + session.channel().config().isAutoRead()
                        + " queuedBytes=" + session.sendQueue().queuedBytes()
                        + " sendOpen=" + session.sendQueue().isOpen()
                        + " inbound=" + session.executor().queueDepth()
                        + " decoderBuffered=" + decoderBuffered(session.channel()))
                .orElse("server side: no session from " + local);
    }

    private static Object decoderBuffered(Channel channel) {
        try {
            Object decoder = channel.pipeline().get(EnvelopeReader.class);
            Method readable = ByteToMessageDecoder.class.getDeclaredMethod("actualReadableBytes");
            readable.setAccessible(true);
            return readable.invoke(decoder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return e.toString();
        }
    }

    private WireConnection connect() throws IOException {
        int n = connections.getAndIncrement();
        return new WireConnection(localAddress(2 + n % LOCAL_ADDRESSES), server.port(), READ_TIMEOUT);
    }

    private static InetAddress localAddress(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Brings a fresh connection to {@code state}: Hello, then a guest login, then a room of its own. */
    private static void enter(WireConnection connection, State state) throws IOException {
        connection.write(WireConnection.frame(HostileFrames.hello(1, ProtocolVersion.CURRENT)));
        expect(awaitReply(connection, 1, "Hello"), BodyCase.WELCOME);
        if (state == State.LOBBY || state == State.ROOM) {
            connection.write(WireConnection.frame(Envelope.newBuilder().setRequestId(2)
                    .setLoginGuest(LoginGuest.newBuilder().setName(GameClients.uniqueName("fz"))).build()));
            expect(awaitReply(connection, 2, "LoginGuest"), BodyCase.LOGIN_OK);
        }
        if (state == State.ROOM) {
            connection.write(WireConnection.frame(Envelope.newBuilder().setRequestId(3)
                    .setCreateRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("fz room "))).build()));
            expect(awaitReply(connection, 3, "CreateRoom"), BodyCase.ROOM_DETAILS);
        }
    }

    private static void expect(Envelope reply, BodyCase body) {
        if (reply.getBodyCase() != body) {
            throw new AssertionError("expected " + body + ", got " + reply);
        }
    }

    /** Reads past events to the answer to {@code rid}; the server must not close or end the session first. */
    private static Envelope awaitReply(WireConnection connection, long rid, String what) throws IOException {
        while (true) {
            Envelope frame = connection.read();
            if (frame == WireConnection.END_OF_STREAM) {
                throw new AssertionError(what + ": closed before the answer to rid " + rid);
            }
            if (frame.getRequestId() == rid && rid != 0) {
                return frame;
            }
            if (frame.hasGoodbye() || (frame.hasError() && frame.getRequestId() == 0)) {
                throw new AssertionError(what + ": the server ended the session: " + frame);
            }
        }
    }

    /** The session must still be itself: a Ping is answered and nothing ended it, then it says Goodbye. */
    private void expectAlive(WireConnection connection, String what) throws IOException {
        connection.write(WireConnection.frame(ping(SENTINEL)));
        while (true) {
            Envelope frame = connection.read();
            if (frame == WireConnection.END_OF_STREAM) {
                report.fail(what + ": closed, but the session should have gone on");
                return;
            }
            if (frame.hasGoodbye()) {
                report.fail(what + ": the server ended a session that should have gone on: " + frame);
                return;
            }
            // An error with request id 0 may be the answer to a hostile frame that had none; were it
            // unsolicited, a close would follow and the Ping would go unanswered.
            if (frame.hasError() && (frame.getError().getCode() == ErrorCode.INTERNAL
                    || frame.getError().getCode() == ErrorCode.ERROR_CODE_UNSPECIFIED)) {
                report.fail(what + ": " + frame);
            }
            if (frame.hasPong() && frame.getRequestId() == SENTINEL) {
                connection.write(WireConnection.frame(goodbye()));
                return;
            }
        }
    }

    /** The client said Goodbye: the server closes at once, with no error and no Goodbye of its own. */
    private void expectSilentClose(WireConnection connection, String what, boolean welcomeAllowed) throws IOException {
        for (Envelope frame : readUntilClosed(connection)) {
            if (!(frame.hasWelcome() && welcomeAllowed) && !frame.hasChatMessage()) {
                report.fail(what + ": after the client's Goodbye the server sent " + frame);
            }
        }
    }

    private static List<Envelope> readUntilClosed(WireConnection connection) throws IOException {
        List<Envelope> frames = new ArrayList<>();
        for (Envelope frame = connection.read(); frame != WireConnection.END_OF_STREAM; frame = connection.read()) {
            frames.add(frame);
        }
        return frames;
    }

    private static Envelope ping(long rid) {
        return Envelope.newBuilder().setRequestId(rid).setPing(Ping.newBuilder().setNonce(rid)).build();
    }

    private static Envelope goodbye() {
        return Envelope.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(Goodbye.Reason.CLIENT_QUIT)).build();
    }

    private static String outcome(Envelope reply) {
        return reply.hasError() ? "error " + reply.getError().getCode() : reply.getBodyCase().toString();
    }

    /** An envelope as text with long runs of one character squeezed, so failures stay readable. */
    static String shortened(Envelope envelope) {
        return envelope.toString().replaceAll("(?s)(.)\\1{15,}", "$1$1$1...").replaceAll("\\s+", " ");
    }

    private static String brief(List<Envelope> frames) {
        List<String> parts = new ArrayList<>();
        for (Envelope frame : frames) {
            parts.add(frame.getBodyCase() + (frame.hasError() ? " " + frame.getError().getCode() : "")
                    + (frame.hasGoodbye() ? " " + frame.getGoodbye().getReason() : "") + " rid " + frame.getRequestId());
        }
        return parts.toString();
    }

    private static String describe(Map<Long, Envelope> outstanding) {
        List<String> waiting = new ArrayList<>();
        outstanding.forEach((rid, request) -> waiting.add(Long.toUnsignedString(rid) + ":" + request.getBodyCase()));
        return waiting.size() + " requests " + waiting.subList(0, Math.min(10, waiting.size()));
    }

    // ------------------------------------------------------------------ running work in parallel

    interface Job {
        void run(HostileFrames frames, int index) throws Exception;
    }

    /**
     * Runs jobs 0..count-1 on {@link #PARALLEL} threads; thread {@code t} takes jobs t, t+PARALLEL, ...
     * with a generator split from the seed in a fixed order, so each thread's input is reproducible.
     */
    private void inParallel(int count, Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < PARALLEL; t++) {
                int first = t;
                HostileFrames frames = new HostileFrames(seeds.split());
                workers.add(pool.submit(() -> {
                    for (int index = first; index < count; index += PARALLEL) {
                        job.run(frames, index);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
