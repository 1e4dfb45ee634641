package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.Ping;
import io.tavern.server.net.NetworkStats;
import io.tavern.server.session.SendStats;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.Pace;
import io.tavern.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, floods: a chat flood at ten times the rate limit, a connection flood past the
 * per-address limit, and ten thousand ListRooms a second. Each is limited with its typed error
 * ({@code RATE_LIMITED}, {@code TOO_MANY_CONNECTIONS}) or closed ({@code FLOODING}), while two bystanders
 * chat on: every line of theirs acked and delivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FloodTest {

    private static final Logger log = LoggerFactory.getLogger(FloodTest.class);

    /** Room enough for everyone this class connects from 127.0.0.1; the attacker comes from 127.0.0.2. */
    static final int PER_ADDRESS_LIMIT = 64;
    /** The server's defaults: a burst of 10, 5 a second; 64 refusals at once before FLOODING. */
    static final int CHAT_BURST = 10;
    static final double CHAT_PER_SECOND = 5;
    static final int FLOOD_STRIKES = 64;

    private RunningServer server;
    private GameClients clients;
    private Bystanders bystanders;

    @BeforeAll
    void startServer() throws Exception {
        server = RunningServer.start("tavern.net.max-connections-per-ip=" + PER_ADDRESS_LIMIT,
                "tavern.limits.session.per-second=100", "tavern.limits.session.burst=200");
        clients = new GameClients(server.port());
        bystanders = Bystanders.inLobby(clients);
    }

    @BeforeEach
    void bystandersChat() {
        bystanders.start();
    }

    @AfterEach
    void bystandersWereUnaffected() throws Exception {
        bystanders.stopAndVerify();
    }

    @AfterAll
    void stopServer() {
        try {
            bystanders.close();
            clients.close();
        } finally {
            server.close();
        }
    }

    @Test
    void aClientChattingAtTenTimesTheRateLimitIsToldRateLimitedAndKeepsItsSession() throws Exception {
        Player chatterbox = clients.guest("chatterbox");
        List<CompletableFuture<Envelope>> replies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        // 50 a second (5 every 100 ms) for two seconds, against a chat limit of 5 a second: within the request
        // budget (100 tokens a second, a line costs 1), so chatting too fast, not flooding.
        Pace.every(Duration.ofMillis(100), 20, tick -> {
            for (int i = 0; i < 5; i++) {
                replies.add(chatterbox.client().sendChat(ChatScope.LOBBY, null, "spam " + tick + "." + i));
            }
            return true;
        });
        int acked = 0;
        for (CompletableFuture<Envelope> reply : replies) {
            Envelope answer = reply.get(30, TimeUnit.SECONDS);
            if (answer.hasAck()) {
                acked++;
            } else {
                assertThat(answer.getError().getCode()).as(answer.toString()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(answer.getError().getRetryAfterMs()).isBetween(1L, 1_000L);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(acked).as("acked of %d in %.1f s", replies.size(), seconds)
                .isGreaterThanOrEqualTo(CHAT_BURST)
                .isLessThanOrEqualTo(CHAT_BURST + (int) Math.ceil(CHAT_PER_SECOND * seconds) + 1);
        assertThat(replies.size() - acked).as("refused").isGreaterThan(70);

        assertThat(chatterbox.client().isOpen()).as("a chat flood is refused, not disconnected").isTrue();
        long retryAfter = refusalOfTheLastLineSent(chatterbox).getError().getRetryAfterMs();
        // As a polite client does: the next line once the hint has passed, scheduled on its own event loop.
        Envelope afterTheHint = chatterbox.client().eventLoop()
                .schedule(() -> chatterbox.client().sendChat(ChatScope.LOBBY, null, "sorry"), retryAfter,
                        TimeUnit.MILLISECONDS)
                .get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertThat(afterTheHint.hasAck()).as("after the hint's wait, a line gets through: %s", afterTheHint).isTrue();
    }

    /**
     * Lines back to back until the last of a batch is refused. The hint of that refusal is exact: no line
     * sent after it has taken the token it promises (a refusal followed by acked lines would not be).
     */
    private static Envelope refusalOfTheLastLineSent(Player player) {
        return Awaitility.await("a batch of lines whose last one is refused").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                    CompletableFuture<Envelope> last = null;
                    for (int i = 0; i <= CHAT_BURST; i++) {
                        last = player.client().sendChat(ChatScope.LOBBY, null, "still here " + i);
                    }
                    return last.get(10, TimeUnit.SECONDS);
                }, Envelope::hasError);
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreRefusedWithTooManyConnectionsAndOthersStillGetIn() throws Exception {
        InetAddress attacker = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        NetworkStats stats = server.bean(NetworkStats.class);
        long refusedBefore = stats.rejectedConnections(ErrorCode.TOO_MANY_CONNECTIONS);
        List<WireConnection> admitted = new ArrayList<>();
        int attempts = 200;
        try {
            for (int i = 0; i < PER_ADDRESS_LIMIT; i++) {
                admitted.add(handshaken(attacker));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<String>> refusals = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                boolean saysHelloFirst = i % 2 == 0;
                refusals.add(pool.submit(() -> refusal(attacker, saysHelloFirst)));
            }
            Player newcomer = clients.guest("newcomer"); // from 127.0.0.1, during the flood
            for (Future<String> refusal : refusals) {
                assertThat(refusal.get(30, TimeUnit.SECONDS)).isEqualTo("TOO_MANY_CONNECTIONS then close");
            }
            pool.shutdown();
            assertThat(newcomer.client().sendChat(ChatScope.LOBBY, null, "made it in").get(10, TimeUnit.SECONDS).hasAck())
                    .isTrue();
            assertThat(stats.rejectedConnections(ErrorCode.TOO_MANY_CONNECTIONS) - refusedBefore).isEqualTo(attempts);
            for (WireConnection connection : admitted) {
                connection.write(WireConnection.frame(ping(7)));
                assertThat(connection.read().hasPong()).as("the admitted ones are served as before").isTrue();
            }

            admitted.remove(0).close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> { // a closed connection frees its place
                        admitted.add(handshaken(attacker));
                        return true;
                    });
        } finally {
            admitted.forEach(WireConnection::close);
        }
    }

    @Test
    void aClientSendingTenThousandListRoomsASecondIsLimitedThenClosed() throws Exception {
        for (int i = 0; i < 30; i++) { // rooms to list, so that each ListRooms is real work
            clients.guest("host").client().createRoom(CreateRoom.newBuilder()
                    .setName(GameClients.uniqueName("Listed ")).build()).get(10, TimeUnit.SECONDS);
        }
        try (WireConnection flooder = handshaken(InetAddress.getLoopbackAddress())) {
            flooder.write(WireConnection.frame(Envelope.newBuilder().setRequestId(2)
                    .setLoginGuest(LoginGuest.newBuilder().setName(GameClients.uniqueName("lister"))).build()));
            assertThat(flooder.read().hasLoginOk()).isTrue();

            SendStats sendStats = server.bean(SendStats.class);
            long slowConsumersBefore = sendStats.slowConsumerCloses();
            // The reader's thread fills these; the test reads them once it has ended.
            List<Long> roomLists = new ArrayList<>();
            List<Integer> roomSizes = new ArrayList<>();
            List<Long> rateLimited = new ArrayList<>();
            AtomicReference<Envelope> last = new AtomicReference<>();
            List<String> unexpected = new ArrayList<>();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                try {
                    for (Envelope frame = flooder.read(); frame != WireConnection.END_OF_STREAM; frame = flooder.read()) {
                        if (!frame.hasChatMessage()) {
                            last.set(frame);
                        }
                        if (frame.hasRoomList()) {
                            roomLists.add(frame.getRequestId());
                            roomSizes.add(frame.getRoomList().getTotal());
                        } else if (frame.hasError() && frame.getError().getCode() == ErrorCode.RATE_LIMITED
                                && frame.getError().getRetryAfterMs() > 0 && frame.getRequestId() > 2) {
                            rateLimited.add(frame.getRequestId());
                        } else if (!frame.hasGoodbye() && !(frame.getRequestId() == 0 && frame.hasChatMessage())) {
                            unexpected.add(frame.toString()); // lobby chat (the bystanders') is expected
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            // 10 000 a second, as bursts of 1 000 every 100 ms, for at most three seconds.
            long[] rid = {3};
            Pace.every(Duration.ofMillis(100), 30, burst -> {
                if (closed.isDone()) {
                    return false;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(1_000 * 12);
                for (int i = 0; i < 1_000; i++) {
                    bytes.writeBytes(WireConnection.frame(Envelope.newBuilder().setRequestId(rid[0]++)
                            .setListRooms(ListRooms.getDefaultInstance()).build()));
                }
                try {
                    flooder.write(bytes.toByteArray());
                    return true;
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            });
            closed.get(15, TimeUnit.SECONDS);
            log.info("ListRooms flood: {} sent, {} answered with a RoomList, {} RATE_LIMITED, then {}",
                    rid[0] - 3, roomLists.size(), rateLimited.size(), last.get());

            assertThat(unexpected).as("answers other than RoomList and RATE_LIMITED").isEmpty();
            assertThat(roomLists).as("RoomLists answer the flood's requests, in order, once each")
                    .isSorted().doesNotHaveDuplicates().allMatch(id -> id >= 3 && id < rid[0]);
            assertThat(rateLimited).as("RATE_LIMITED answers the flood's requests, in order, once each")
                    .isSorted().doesNotHaveDuplicates().allMatch(id -> id >= 3 && id < rid[0]);
            // (AssertJ refuses an empty "values to look for": a slow consumer may have had no RATE_LIMITED.)
            assertThat(Collections.disjoint(roomLists, rateLimited)).as("no request answered twice").isTrue();
            assertThat(roomSizes).as("every RoomList counts the rooms").allMatch(total -> total >= 30);
            // Two defences can end it, and which comes first depends on how fast this machine reads: a
            // full inbound queue (RATE_LIMITED, then FLOODING), or replies piling up unread past the
            // send-queue limit (SLOW_CONSUMER). Either way the flooder is told why and closed. The replies
            // that had not left when the send queue overflowed are dropped with it: a slow consumer may
            // have received none (a thousand RoomLists of a kilobyte are the whole default limit).
            Goodbye.Reason reason = last.get().getGoodbye().getReason();
            assertThat(reason).as("the last frame").isIn(Goodbye.Reason.FLOODING, Goodbye.Reason.SLOW_CONSUMER);
            if (reason == Goodbye.Reason.FLOODING) {
                assertThat(rateLimited).as("RATE_LIMITED before the close").hasSizeGreaterThanOrEqualTo(FLOOD_STRIKES);
            } else {
                assertThat(sendStats.slowConsumerCloses() - slowConsumersBefore).as("closed as a slow consumer")
                        .isEqualTo(1);
            }
        }
    }

    /** A raw connection from {@code from} that has said Hello and been welcomed. */
    private WireConnection handshaken(InetAddress from) throws IOException {
        WireConnection connection = new WireConnection(from, server.port(), Duration.ofSeconds(10));
        try {
            connection.write(WireConnection.frame(HostileFrames.hello(1, ProtocolVersion.CURRENT)));
            Envelope welcome = connection.read();
            if (!welcome.hasWelcome()) {
                throw new IOException("not welcomed: " + welcome);
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What a connection over the per-address limit gets: a description, to compare. */
    private String refusal(InetAddress from, boolean saysHelloFirst) throws IOException {
        try (WireConnection connection = new WireConnection(from, server.port(), Duration.ofSeconds(10))) {
            if (saysHelloFirst) { // the refusal must survive a Hello already on its way: no reset
                connection.write(WireConnection.frame(HostileFrames.hello(1, ProtocolVersion.CURRENT)));
            }
            Envelope first = connection.read();
            Envelope then = connection.read();
            boolean right = first.hasError() && first.getRequestId() == 0
                    && first.getError().getCode() == ErrorCode.TOO_MANY_CONNECTIONS
                    && then == WireConnection.END_OF_STREAM;
            return right ? "TOO_MANY_CONNECTIONS then close" : "got " + first + " then " + then;
        }
    }

    private static Envelope ping(long rid) {
        return Envelope.newBuilder().setRequestId(rid)
                .setPing(Ping.newBuilder().setNonce(rid)).build();
    }
}
