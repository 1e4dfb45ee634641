package io.tavern.cli.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tavern.client.ClientListener;
import io.tavern.client.ClientOptions;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.RoomDetails;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bare baseline over real sockets, spoken to by the client library. */
class BareFanoutServerTest {

    private BareFanoutServer server;
    private final List<TavernClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        server = BareFanoutServer.start("127.0.0.1", 0, 2);
    }

    @AfterEach
    void stop() {
        clients.forEach(TavernClient::close);
        server.close();
    }

    private TavernClient guest(String name, List<Envelope> events) throws Exception {
        TavernClient client = TavernClient.connect(ClientOptions.builder().host("127.0.0.1").port(server.port())
                .listener(new ClientListener() {
                    @Override
                    public void onEvent(Envelope event) {
                        events.add(event);
                    }
                }).build()).get(10, TimeUnit.SECONDS);
        clients.add(client);
        client.loginGuest(name).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void aRoomMessageReachesEveryMemberOnEveryEventLoopAsTheChatMessageTheSchemaDescribes() throws Exception {
        List<List<Envelope>> received = new ArrayList<>();
        List<TavernClient> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Envelope> events = new CopyOnWriteArrayList<>();
            received.add(events);
            members.add(guest("guest-" + i, events));
        }
        RoomDetails room = members.get(0).createRoom(CreateRoom.newBuilder().setName("tavern").setCapacity(5).build())
                .get(10, TimeUnit.SECONDS);
        for (TavernClient member : members.subList(1, 5)) {
            assertThat(member.joinRoom(room.getRoom().getId(), null).get(10, TimeUnit.SECONDS).getRoom().getName()).isEqualTo("tavern");
        }
        // The server hands connections to its two event loops in turn: some members are reached by a hand-off.
        Envelope ack = members.get(2).sendChat(ChatScope.ROOM, null, "héllo, all").get(10, TimeUnit.SECONDS);

        assertThat(ack.hasAck()).isTrue();
        for (List<Envelope> events : received) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(Envelope::hasChatMessage));
            ChatMessage message = events.stream().filter(Envelope::hasChatMessage).findFirst().orElseThrow().getChatMessage();
            assertThat(message.getId()).isEqualTo(1);
            assertThat(message.getScope()).isEqualTo(ChatScope.ROOM);
            assertThat(message.getRoomId()).isEqualTo(room.getRoom().getId());
            assertThat(message.getRoomName()).isEqualTo("tavern");
            assertThat(message.getFrom()).isEqualTo("guest-2");
            assertThat(message.getText()).isEqualTo("héllo, all");
            assertThat(message.getSentAtMs()).isPositive();
        }
    }

    @Test
    void whatTheBaselineDoesNotServeIsRefusedWithTheRightCode() throws Exception {
        TavernClient owner = guest("owner", new CopyOnWriteArrayList<>());
        TavernClient second = guest("second", new CopyOnWriteArrayList<>());
        TavernClient third = guest("third", new CopyOnWriteArrayList<>());

        assertThat(owner.sendChat(ChatScope.ROOM, null, "alone").join().getError().getCode()).isEqualTo(ErrorCode.NOT_IN_ROOM);
        assertThat(code(() -> owner.listRooms(ListRooms.getDefaultInstance()).join())).isEqualTo(ErrorCode.UNKNOWN_MESSAGE);
        assertThat(code(() -> owner.joinRoom("nowhere", null).join())).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
        RoomDetails pair = owner.createRoom(CreateRoom.newBuilder().setName("pair").setCapacity(2).build()).join();
        assertThat(code(() -> third.createRoom(CreateRoom.newBuilder().setName("pair").build()).join())).isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
        second.joinRoom(pair.getRoom().getId(), null).join();
        assertThat(code(() -> third.joinRoom("pair", null).join())).isEqualTo(ErrorCode.ROOM_FULL);
        assertThat(owner.sendChat(ChatScope.LOBBY, null, "everyone").join().getError().getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aFrameThatIsNotAnEnvelopeGetsMalformedFrameAndTheConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(3);
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            Envelope reply = Envelope.parseFrom(body);
            assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
            assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
        }
    }

    private static ErrorCode code(Runnable request) {
        try {
            request.run();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ServerErrorException error) {
                return error.code();
            }
            throw e;
        }
        throw new AssertionError("the request succeeded");
    }
}
