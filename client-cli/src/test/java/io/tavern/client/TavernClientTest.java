package io.tavern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.Pong;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.testserver.ForeignPeer;
import io.tavern.testserver.TestTavernServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TavernClientTest {

    private TestTavernServer server;
    private final List<TavernClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = TestTavernServer.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(TavernClient::close);
        server.close();
    }

    private ClientOptions.Builder options() {
        return ClientOptions.builder().host("127.0.0.1").port(server.port());
    }

    private TavernClient connect(ClientOptions.Builder options) throws Exception {
        TavernClient client = TavernClient.connect(options.build()).get(5, TimeUnit.SECONDS);
        clients.add(client);
        return client;
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((r, e) -> e instanceof CompletionException ? e.getCause() : e).join();
    }

    @Test
    void connectCompletesWithTheServersWelcomeAfterSendingHello() throws Exception {
        TavernClient client = connect(options().clientName("test-client/1"));

        assertThat(client.isOpen()).isTrue();
        assertThat(client.welcome().getServerVersion()).isEqualTo("test-server");
        assertThat(client.welcome().getSessionId()).startsWith("s-");
        Envelope hello = server.received().get(0);
        assertThat(hello.getHello().getProtocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
        assertThat(hello.getHello().getClientName()).isEqualTo("test-client/1");
        assertThat(hello.getRequestId()).isNotZero();
    }

    @Test
    void anUnsupportedProtocolVersionFailsConnectWithTheServersError() {
        Throwable failure = failureOf(TavernClient.connect(options().protocolVersion(99).build()));

        assertThat(failure).isInstanceOf(ServerErrorException.class);
        assertThat(((ServerErrorException) failure).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void aConnectionRefusedBeforeHelloFailsConnectWithServerFull() {
        server.refuseConnectionsWith(ErrorCode.SERVER_FULL);

        Throwable failure = failureOf(TavernClient.connect(options().build()));

        assertThat(failure).isInstanceOf(ServerErrorException.class);
        assertThat(((ServerErrorException) failure).code()).isEqualTo(ErrorCode.SERVER_FULL);
    }

    @Test
    void connectingToAPortNobodyListensOnFailsWithAnIOException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Throwable failure = failureOf(TavernClient.connect(options().port(closedPort).build()));

        assertThat(failure).isInstanceOf(IOException.class);
    }

    @Test
    void anUnknownHostFailsConnectWithUnknownHostAndListenersAreToldThat() {
        RecordingListener listener = new RecordingListener();

        Throwable failure = failureOf(TavernClient.connect(options().host("nosuch.invalid").listener(listener).build()));

        assertThat(failure).isInstanceOf(java.net.UnknownHostException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.closes.size() == 1);
        assertThat(listener.closes.get(0).cause()).isSameAs(failure);
        assertThat(listener.closes.get(0).message()).doesNotContain("the server closed the connection");
    }

    @Test
    void aRefusedConnectionIsAConnectExceptionNotAClose() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RecordingListener listener = new RecordingListener();

        Throwable failure = failureOf(TavernClient.connect(options().port(closedPort).listener(listener).build()));

        assertThat(failure).isInstanceOf(java.net.ConnectException.class).isNotInstanceOf(ConnectionClosedException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.closes.size() == 1);
        assertThat(listener.closes.get(0).cause()).isSameAs(failure);
    }

    @Test
    void aPeerThatAnswersInHttpIsNotATavernServer() throws Exception {
        try (ForeignPeer http = ForeignPeer.answering(ForeignPeer.HTTP_400)) {
            Throwable failure = failureOf(TavernClient.connect(options().port(http.port()).build()));

            assertThat(failure).isInstanceOf(ProtocolMismatchException.class)
                    .hasMessageContaining("does not speak the Tavern protocol");
        }
    }

    @Test
    void aPeerWhoseFirstFrameIsNotAWelcomeIsNotATavernServer() throws Exception {
        byte[] chat = Envelope.newBuilder().setChatMessage(io.tavern.protocol.v1.ChatMessage.newBuilder().setText("hi"))
                .build().toByteArray();
        byte[] frame = java.nio.ByteBuffer.allocate(4 + chat.length).putInt(chat.length).put(chat).array();
        try (ForeignPeer stranger = ForeignPeer.answering(frame)) {
            Throwable failure = failureOf(TavernClient.connect(options().port(stranger.port()).build()));

            assertThat(failure).isInstanceOf(ProtocolMismatchException.class).hasMessageContaining("CHAT_MESSAGE");
        }
    }

    @Test
    void typedLoginsCompleteWithLoginOk() throws Exception {
        TavernClient guest = connect(options());
        TavernClient registering = connect(options());

        LoginOk guestOk = guest.loginGuest("alice").get(5, TimeUnit.SECONDS);
        LoginOk registered = registering.register("bob", "secret").get(5, TimeUnit.SECONDS);
        registering.close();
        TavernClient again = connect(options());
        LoginOk loggedIn = again.login("bob", "secret").get(5, TimeUnit.SECONDS);

        assertThat(guestOk.getUser()).isEqualTo("alice");
        assertThat(guestOk.getGuest()).isTrue();
        assertThat(registered.getGuest()).isFalse();
        assertThat(loggedIn.getUser()).isEqualTo("bob");
    }

    @Test
    void requestCompletesWithAnErrorReplyWhileCallFailsWithServerErrorException() throws Exception {
        TavernClient client = connect(options());
        client.loginGuest("alice").get(5, TimeUnit.SECONDS);
        TavernClient other = connect(options());

        Envelope reply = other.request(Envelope.newBuilder().setLoginGuest(
                io.tavern.protocol.v1.LoginGuest.newBuilder().setName("alice"))).get(5, TimeUnit.SECONDS);
        Throwable failure = failureOf(other.loginGuest("ALICE"));

        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.NAME_TAKEN);
        assertThat(failure).isInstanceOf(ServerErrorException.class);
        assertThat(((ServerErrorException) failure).code()).isEqualTo(ErrorCode.NAME_TAKEN);
    }

    @Test
    void everyRequestGetsItsOwnNonZeroRequestIdAndTheReplyThatEchoesIt() throws Exception {
        TavernClient client = connect(options());
        client.loginGuest("alice").get(5, TimeUnit.SECONDS);

        List<CompletableFuture<Envelope>> replies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            replies.add(client.sendChat(ChatScope.LOBBY, null, "line " + i));
        }

        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<Envelope> reply : replies) {
            Envelope ack = reply.get(5, TimeUnit.SECONDS);
            assertThat(ack.hasAck()).isTrue();
            ids.add(ack.getRequestId());
        }
        assertThat(ids).doesNotContain(0L).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void eventsReachListenersInOrderOnTheEventLoopThread() throws Exception {
        RecordingListener bobsEvents = new RecordingListener();
        TavernClient alice = connect(options());
        TavernClient bob = connect(options().listener(bobsEvents));
        alice.loginGuest("alice").get(5, TimeUnit.SECONDS);
        bob.loginGuest("bob").get(5, TimeUnit.SECONDS);
        RoomDetails created = alice.createRoom(CreateRoom.newBuilder().setName("den").build()).get(5, TimeUnit.SECONDS);
        bob.joinRoom("den", null).get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 20; i++) {
            alice.sendChat(ChatScope.ROOM, null, "m" + i);
        }

        for (int i = 0; i < 20; i++) {
            Envelope chat = bobsEvents.next(Envelope.BodyCase.CHAT_MESSAGE);
            assertThat(chat.getRequestId()).isZero();
            assertThat(chat.getChatMessage().getText()).isEqualTo("m" + i);
            assertThat(chat.getChatMessage().getRoomId()).isEqualTo(created.getRoom().getId());
        }
        assertThat(bobsEvents.threads).allMatch(name -> name.startsWith("tavern-client"));
    }

    @Test
    void theServersPingIsAnsweredWithItsNonceAndNotShownToListeners() throws Exception {
        RecordingListener events = new RecordingListener();
        connect(options().listener(events));

        server.pingAll(4242);

        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().stream()
                .anyMatch(e -> e.hasPong() && e.getPong().getNonce() == 4242));
        assertThat(events.events).noneMatch(Envelope::hasPing);
    }

    @Test
    void aQuietClientPingsTheServerEveryHeartbeatInterval() throws Exception {
        server.close();
        server = TestTavernServer.start(100);
        RecordingListener events = new RecordingListener();
        connect(options().listener(events));

        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().stream().filter(Envelope::hasPing).count() >= 2);
        Envelope pong = events.next(Envelope.BodyCase.PONG);
        assertThat(pong.getPong().getNonce()).isPositive();
    }

    @Test
    void aServerSilentForThreeHeartbeatsIsTakenForDead() throws Exception {
        server.close();
        server = TestTavernServer.start(100);
        server.answerPings(false);
        RecordingListener events = new RecordingListener();
        TavernClient client = connect(options().listener(events));

        client.closeFuture().get(5, TimeUnit.SECONDS);

        assertThat(events.closes).singleElement()
                .satisfies(info -> assertThat(info.reason()).isEqualTo(DisconnectReason.NETWORK))
                .satisfies(info -> assertThat(info.message()).contains("sent nothing"));
    }

    @Test
    void aGoodbyeBeforeTheCloseIsReportedOnceAsTheReason() throws Exception {
        RecordingListener events = new RecordingListener();
        TavernClient client = connect(options().listener(events));

        server.goodbyeAll(Goodbye.Reason.SERVER_SHUTDOWN, "maintenance");
        client.closeFuture().get(5, TimeUnit.SECONDS);

        assertThat(client.isOpen()).isFalse();
        assertThat(events.next(Envelope.BodyCase.GOODBYE).getGoodbye().getReason()).isEqualTo(Goodbye.Reason.SERVER_SHUTDOWN);
        assertThat(events.closes).singleElement().satisfies(info -> {
            assertThat(info.reason()).isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
            assertThat(info.message()).isEqualTo("maintenance");
            assertThat(info.byServer()).isTrue();
        });
    }

    @Test
    void aPendingRequestFailsWithConnectionClosedWhenTheServerDropsTheConnection() throws Exception {
        TavernClient client = connect(options());
        // The server never answers a Pong, so this request stays pending.
        CompletableFuture<Envelope> unanswered = client.request(Envelope.newBuilder().setPong(Pong.newBuilder()));

        server.dropAll();

        Throwable failure = failureOf(unanswered);
        assertThat(failure).isInstanceOf(ConnectionClosedException.class);
        assertThat(((ConnectionClosedException) failure).info().reason()).isEqualTo(DisconnectReason.NETWORK);
    }

    @Test
    void aRequestWithoutReplyTimesOutAndTheConnectionStaysOpen() throws Exception {
        TavernClient client = connect(options().requestTimeout(Duration.ofMillis(200)));

        Throwable failure = failureOf(client.request(Envelope.newBuilder().setPong(Pong.newBuilder())));

        assertThat(failure).isInstanceOf(RequestTimeoutException.class);
        assertThat(client.isOpen()).isTrue();
        assertThat(client.loginGuest("alice").get(5, TimeUnit.SECONDS).getUser()).isEqualTo("alice");
    }

    @Test
    void closeSaysGoodbyeClientQuitAndReportsClosed() throws Exception {
        RecordingListener events = new RecordingListener();
        TavernClient client = connect(options().listener(events));

        client.close();

        assertThat(client.closeFuture()).isDone();
        assertThat(client.isOpen()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().stream()
                .anyMatch(e -> e.hasGoodbye() && e.getGoodbye().getReason() == Goodbye.Reason.CLIENT_QUIT));
        assertThat(events.closes).singleElement()
                .satisfies(info -> assertThat(info.reason()).isEqualTo(DisconnectReason.CLOSED));
    }

    @Test
    void aRequestAfterCloseFailsAtOnceAndALateListenerIsToldOfTheClose() throws Exception {
        TavernClient client = connect(options());
        client.close();
        RecordingListener late = new RecordingListener();

        Throwable failure = failureOf(client.listRooms(ListRooms.getDefaultInstance()));
        client.addListener(late);

        assertThat(failure).isInstanceOf(ConnectionClosedException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.closes.size() == 1);
        assertThat(late.closes.get(0).reason()).isEqualTo(DisconnectReason.CLOSED);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() throws Exception {
        RecordingListener events = new RecordingListener();
        TavernClient client = connect(options()
                .listener(new ClientListener() {
                    @Override
                    public void onEvent(Envelope event) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .listener(events));
        client.loginGuest("alice").get(5, TimeUnit.SECONDS);

        client.sendChat(ChatScope.LOBBY, null, "still delivered").get(5, TimeUnit.SECONDS);

        assertThat(events.next(Envelope.BodyCase.CHAT_MESSAGE).getChatMessage().getText()).isEqualTo("still delivered");
    }

    @Test
    void theClientConnectsFromTheBindAddressItIsGiven() throws Exception {
        TavernClient client = connect(options().bindAddress(java.net.InetAddress.getByName("127.0.0.7")));

        assertThat(client.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.7");
    }

    @Test
    void clientsCanShareAnEventLoopGroupTheyDoNotOwn() throws Exception {
        var group = ClientEventLoops.newGroup(1, "shared-test");
        try {
            TavernClient first = connect(options().eventLoopGroup(group));
            TavernClient second = connect(options().eventLoopGroup(group));
            first.close();

            assertThat(second.loginGuest("carol").get(5, TimeUnit.SECONDS).getUser()).isEqualTo("carol");
            assertThat(group.isShuttingDown()).isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectionsSharingAGroupAreSpreadOverAllItsEventLoops() throws Exception {
        var group = ClientEventLoops.newGroup(2, "spread-test");
        try {
            java.util.Set<Object> loops = new java.util.HashSet<>();
            for (int i = 0; i < 4; i++) {
                loops.add(connect(options().eventLoopGroup(group)).eventLoop());
            }

            assertThat(loops).hasSize(2);
        } finally {
            clients.forEach(TavernClient::close);
            clients.clear();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
