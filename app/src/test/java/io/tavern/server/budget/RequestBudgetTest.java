package io.tavern.server.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.EndGame;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.GetRoom;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.JoinRoom;
import io.tavern.protocol.v1.KickMember;
import io.tavern.protocol.v1.LeaveRoom;
import io.tavern.protocol.v1.ListMembers;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.SendChat;
import io.tavern.protocol.v1.SetReady;
import io.tavern.protocol.v1.StartGame;
import io.tavern.protocol.v1.UpdateRoom;
import io.tavern.protocol.v1.WatchLobby;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RawConnection;
import io.tavern.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14, a budget for every request kind: a guest that pipelines any one kind of request is answered
 * {@code RATE_LIMITED} with a retry hint, then closed as {@code FLOODING}, while a player in its room and one
 * in the lobby get every reply and every chat line of theirs. Over real sockets, with the server's default
 * session budget and flood strikes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBudgetTest {

    /** The server's default: RATE_LIMITED answers in a row before FLOODING. */
    static final int FLOOD_STRIKES = 64;
    /** Far more than the default session budget (a burst of 200 tokens) lets through. */
    static final int PIPELINED = 2_000;
    /** Rounds of chat and a query each bystander makes during the flood: within the chat burst of 10. */
    static final int BYSTANDER_ROUNDS = 8;

    /** Each request kind a client can make once logged in, as the flooder sends it (in a room it created). */
    enum Kind {
        LOGIN_GUEST((room, peer) -> Envelope.newBuilder().setLoginGuest(LoginGuest.newBuilder().setName("again"))),
        SEND_CHAT((room, peer) -> Envelope.newBuilder().setSendChat(SendChat.newBuilder()
                .setScope(ChatScope.ROOM).setText("flood"))),
        WHISPER((room, peer) -> Envelope.newBuilder().setSendChat(SendChat.newBuilder()
                .setScope(ChatScope.WHISPER).setTo(peer).setText("psst"))),
        HISTORY((room, peer) -> Envelope.newBuilder().setHistory(History.newBuilder().setScope(ChatScope.ROOM))),
        LIST_ROOMS((room, peer) -> Envelope.newBuilder().setListRooms(ListRooms.getDefaultInstance())),
        GET_ROOM((room, peer) -> Envelope.newBuilder().setGetRoom(GetRoom.newBuilder().setRoom(room))),
        LIST_MEMBERS((room, peer) -> Envelope.newBuilder().setListMembers(ListMembers.getDefaultInstance())),
        LIST_ONLINE_USERS((room, peer) -> Envelope.newBuilder().setListOnlineUsers(ListOnlineUsers.getDefaultInstance())),
        WATCH_LOBBY((room, peer) -> Envelope.newBuilder().setWatchLobby(WatchLobby.newBuilder().setOn(true))),
        CREATE_ROOM((room, peer) -> Envelope.newBuilder().setCreateRoom(CreateRoom.newBuilder().setName(room + " 2"))),
        JOIN_ROOM((room, peer) -> Envelope.newBuilder().setJoinRoom(JoinRoom.newBuilder().setRoom(room))),
        LEAVE_ROOM((room, peer) -> Envelope.newBuilder().setLeaveRoom(LeaveRoom.getDefaultInstance())),
        KICK_MEMBER((room, peer) -> Envelope.newBuilder().setKickMember(KickMember.newBuilder().setUser("nobody"))),
        SET_READY((room, peer) -> Envelope.newBuilder().setSetReady(SetReady.newBuilder().setReady(true))),
        START_GAME((room, peer) -> Envelope.newBuilder().setStartGame(StartGame.getDefaultInstance())),
        END_GAME((room, peer) -> Envelope.newBuilder().setEndGame(EndGame.getDefaultInstance())),
        UPDATE_ROOM((room, peer) -> Envelope.newBuilder().setUpdateRoom(UpdateRoom.newBuilder()
                .putMetadata("map", "dust").setReplaceMetadata(true)));

        final BiFunction<String, String, Envelope.Builder> request;

        Kind(BiFunction<String, String, Envelope.Builder> request) {
            this.request = request;
        }
    }

    private RunningServer server;
    private GameClients clients;

    @BeforeAll
    void startServer() {
        // The default session budget (the test profile turns it off for the other tests).
        server = RunningServer.start("tavern.limits.session.per-second=100", "tavern.limits.session.burst=200");
        clients = new GameClients(server.port());
    }

    @AfterAll
    void stopServer() {
        try {
            clients.close();
        } finally {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aGuestPipeliningOneKindIsRateLimitedThenClosedAsFloodingWhileItsRoomAndTheLobbyCarryOn(Kind kind)
            throws Exception {
        String roomName = GameClients.uniqueName("Budget ");
        Player roommate;
        Player lobbyist = clients.guest("lobbyist");
        double refusedBefore = refused(kind);
        double floodingBefore = counter("tavern.sessions.flooding");
        try (RawConnection flooder = new RawConnection(server.port()).hello()) {
            flooder.writeEnvelope(Envelope.newBuilder().setRequestId(2)
                    .setLoginGuest(LoginGuest.newBuilder().setName(GameClients.uniqueName("flooder"))).build());
            assertThat(flooder.readEnvelope().hasLoginOk()).isTrue();
            flooder.writeEnvelope(Envelope.newBuilder().setRequestId(3)
                    .setCreateRoom(CreateRoom.newBuilder().setName(roomName)).build());
            assertThat(flooder.readEnvelope().hasRoomDetails()).isTrue();
            roommate = clients.guest("roommate");
            roommate.client().joinRoom(roomName, null).get(10, TimeUnit.SECONDS);

            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (long rid = 100; rid < 100 + PIPELINED; rid++) {
                byte[] body = kind.request.apply(roomName, roommate.name()).setRequestId(rid).build().toByteArray();
                pipeline.writeBytes(new byte[] {(byte) (body.length >>> 24), (byte) (body.length >>> 16),
                        (byte) (body.length >>> 8), (byte) body.length});
                pipeline.writeBytes(body);
            }
            CompletableFuture<List<Envelope>> frames = CompletableFuture.supplyAsync(() -> {
                try {
                    return flooder.readUntilClosed();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            flooder.writeBytes(pipeline.toByteArray());

            List<CompletableFuture<Envelope>> bystanderReplies = new ArrayList<>();
            for (int round = 0; round < BYSTANDER_ROUNDS; round++) {
                bystanderReplies.add(roommate.client().sendChat(ChatScope.ROOM, null, "room line " + round));
                bystanderReplies.add(roommate.client().request(Envelope.newBuilder()
                        .setListMembers(ListMembers.getDefaultInstance())));
                bystanderReplies.add(lobbyist.client().sendChat(ChatScope.LOBBY, null, "lobby line " + round));
                bystanderReplies.add(lobbyist.client().request(Envelope.newBuilder()
                        .setListRooms(ListRooms.getDefaultInstance())));
            }

            List<Envelope> received = frames.get(30, TimeUnit.SECONDS);
            // The Goodbye ends the stream; a reply its room was sending at that moment may still follow it
            // (SendQueue.finish queues the Goodbye before it stops taking frames).
            List<Envelope> goodbyes = received.stream().filter(Envelope::hasGoodbye).toList();
            assertThat(goodbyes).as("Goodbyes among %d frames", received.size()).singleElement()
                    .satisfies(goodbye -> assertThat(goodbye.getGoodbye().getReason()).isEqualTo(Goodbye.Reason.FLOODING));
            List<Envelope> limited = received.stream().filter(frame -> frame.getRequestId() >= 100
                    && frame.hasError() && frame.getError().getCode() == ErrorCode.RATE_LIMITED).toList();
            assertThat(limited).as("RATE_LIMITED answers before the close").hasSizeGreaterThanOrEqualTo(FLOOD_STRIKES);
            assertThat(limited).as("each with a retry hint")
                    .allSatisfy(frame -> assertThat(frame.getError().getRetryAfterMs()).isPositive());
            Set<Long> answered = new HashSet<>();
            for (Envelope frame : received) {
                if (frame.getRequestId() >= 100) {
                    assertThat(answered.add(frame.getRequestId())).as("one answer to request %d", frame.getRequestId())
                            .isTrue();
                }
            }

            for (CompletableFuture<Envelope> reply : bystanderReplies) {
                Envelope answer = reply.get(30, TimeUnit.SECONDS);
                assertThat(answer.hasError()).as("a bystander's reply: %s", answer).isFalse();
            }
            for (int round = 0; round < BYSTANDER_ROUNDS; round++) {
                String roomLine = "room line " + round;
                String lobbyLine = "lobby line " + round;
                roommate.inbox().await(e -> e.hasChatMessage() && e.getChatMessage().getText().equals(roomLine),
                        Duration.ofSeconds(10));
                lobbyist.inbox().await(e -> e.hasChatMessage() && e.getChatMessage().getText().equals(lobbyLine),
                        Duration.ofSeconds(10));
            }
        }
        assertThat(roommate.client().isOpen()).isTrue();
        assertThat(lobbyist.client().isOpen()).isTrue();
        assertThat(refused(kind) - refusedBefore).as("tavern.requests.refused for %s", kind).isPositive();
        assertThat(counter("tavern.sessions.flooding") - floodingBefore).isEqualTo(1);
    }

    private double refused(Kind kind) {
        String tag = (kind == Kind.WHISPER ? Envelope.BodyCase.SEND_CHAT : Envelope.BodyCase.valueOf(kind.name()))
                .name().toLowerCase(java.util.Locale.ROOT);
        return server.bean(MeterRegistry.class).find("tavern.requests.refused").tag("kind", tag).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private double counter(String name) {
        return server.bean(MeterRegistry.class).get(name).counter().count();
    }
}
