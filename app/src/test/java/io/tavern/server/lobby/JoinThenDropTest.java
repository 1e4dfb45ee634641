package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.GetRoom;
import io.tavern.protocol.v1.JoinRoom;
import io.tavern.protocol.v1.Member;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RawConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 13, "ghost members": a client sends {@code JoinRoom} (or {@code CreateRoom}) and drops the
 * connection right behind it. The join runs on the room's executor while the close runs on the
 * session's; whichever wins, the room must end without the dead session: not listed, its seat free
 * for the next player, and a room it created handed on or closed. Each variant runs many times, with
 * a FIN (an orderly close) and with a RST ({@code SO_LINGER} 0, a crashed client).
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.rooms.empty-grace=300ms"})
class JoinThenDropTest {

    static final int TRIES = 50;
    static final Duration SETTLE = Duration.ofSeconds(10);

    enum Drop {
        FIN, RST;

        void apply(RawConnection connection) throws IOException {
            if (this == FIN) {
                connection.close();
            } else {
                connection.reset();
            }
        }
    }

    @Autowired
    TavernServer server;

    @Autowired
    LogicExecutor logic;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @AfterEach
    void noRoomOperationEverFailed() {
        assertThat(logic.stats().tasksFailed()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void aPlayerWhoJoinsAndDropsAtOnceLeavesNoGhostAndFreesItsSeat(Drop drop) throws Exception {
        String room = GameClients.uniqueName("Seat");
        Player host = clients.guest("host");
        host.client().createRoom(CreateRoom.newBuilder().setName(room).setCapacity(2).build()).get(5, TimeUnit.SECONDS);

        List<String> dead = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String name = GameClients.uniqueName("ghost");
            dead.add(name);
            RawConnection connection = new RawConnection(server.port()).hello().loginGuest(name);
            connection.writeEnvelope(Envelope.newBuilder().setRequestId(3)
                    .setJoinRoom(JoinRoom.newBuilder().setRoom(room)).build());
            drop.apply(connection);
        }

        Awaitility.await().pollInterval(Duration.ofMillis(10)).atMost(SETTLE).untilAsserted(() ->
                assertThat(memberNames(details(host, room))).containsExactly(host.name()));
        Player next = clients.guest("next");
        RoomDetails joined = next.client().joinRoom(room, null).get(5, TimeUnit.SECONDS);
        assertThat(memberNames(joined)).containsExactly(host.name(), next.name()).doesNotContainAnyElementsOf(dead);
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void aRoomWhoseCreatorDropsAtOnceIsHandedOnOrClosed(Drop drop) throws Exception {
        Player heir = clients.guest("heir");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String room = GameClients.uniqueName("Orphan");
            created.add(room);
            RawConnection connection = new RawConnection(server.port()).hello().loginGuest(GameClients.uniqueName("maker"));
            connection.writeEnvelope(Envelope.newBuilder().setRequestId(3)
                    .setCreateRoom(CreateRoom.newBuilder().setName(room).setCapacity(4)).build());
            drop.apply(connection);

            Envelope reply = heir.client().request(Envelope.newBuilder()
                    .setJoinRoom(JoinRoom.newBuilder().setRoom(room))).get(5, TimeUnit.SECONDS);
            if (reply.hasRoomDetails()) {
                // The heir got in, perhaps while the dead creator still held the room: it must end up
                // alone, and the owner.
                Awaitility.await().pollInterval(Duration.ofMillis(10)).atMost(SETTLE).untilAsserted(() -> {
                    RoomDetails details = details(heir, room);
                    assertThat(details.getMembersList()).extracting(Member::getUser).containsExactly(heir.name());
                    assertThat(details.getMembers(0).getOwner()).isTrue();
                    assertThat(details.getRoom().getOwner()).isEqualTo(heir.name());
                });
                heir.client().leaveRoom().get(5, TimeUnit.SECONDS);
            } else {
                // Not created yet, or never (a reset can destroy the request before it is read), or
                // already closed: then it is not found.
                assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
            }
        }

        // Every room is empty now, so each closes after its grace: none is kept open by a dead creator.
        Awaitility.await().pollInterval(Duration.ofMillis(10)).atMost(SETTLE).untilAsserted(() -> {
            for (String room : created) {
                assertThat(lookUp(heir, room).getError().getCode()).as(room).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
            }
        });
    }

    private static Envelope lookUp(Player asker, String room) throws Exception {
        return asker.client().request(Envelope.newBuilder().setGetRoom(GetRoom.newBuilder().setRoom(room)))
                .get(5, TimeUnit.SECONDS);
    }

    private static RoomDetails details(Player asker, String room) throws Exception {
        Envelope reply = lookUp(asker, room);
        assertThat(reply.hasRoomDetails()).as("details of %s: %s", room, reply).isTrue();
        return reply.getRoomDetails();
    }

    private static List<String> memberNames(RoomDetails details) {
        return details.getMembersList().stream().map(Member::getUser).toList();
    }
}
