package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.Login;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.protocol.v1.RoomList;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What {@link DecoderFuzzTest} found: requests the server answered with {@code INTERNAL} (an exception
 * escaping a handler) instead of a typed error. Each is pinned down here by name.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class FuzzFindingsTest {

    /** 2^31 and 2^32-1 as a protobuf uint32 holds them in a Java int. */
    private static final List<Integer> HUGE_UINT32 = List.of(Integer.MIN_VALUE, -1);

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    private static Envelope request(Player player, Envelope.Builder request) throws Exception {
        return player.client().request(request).get(10, TimeUnit.SECONDS);
    }

    /**
     * Found: {@code Login{}} (no name, no password), or a name with a space or over 64 characters, was
     * answered INTERNAL, and the login stayed "in progress" for good: every later login on that
     * connection was refused with ALREADY_LOGGED_IN.
     */
    @Test
    void aLoginWithAnImpossibleNameOrNoPasswordIsBadCredentialsAndTheSessionCanStillLogIn() throws Exception {
        Player anonymous = clients.connect(UnaryOperator.identity());
        List<Login> impossible = List.of(
                Login.getDefaultInstance(),
                Login.newBuilder().setName("two words").setPassword("password123").build(),
                Login.newBuilder().setName("x".repeat(65)).setPassword("password123").build(),
                Login.newBuilder().setName("colon:name").setPassword("password123").build(),
                Login.newBuilder().setName(GameClients.uniqueName("nopass")).build());
        for (Login login : impossible) {
            Envelope reply = request(anonymous, Envelope.newBuilder().setLogin(login));
            assertThat(reply.getError().getCode()).as("answer to %s", login).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        }

        String name = GameClients.uniqueName("after");
        assertThat(anonymous.client().loginGuest(name).get(10, TimeUnit.SECONDS).getUser()).isEqualTo(name);
    }

    /**
     * Found: {@code page} or {@code page_size} of 2^31 or more (uint32 values a Java int holds as
     * negative numbers) was answered INTERNAL: a negative index into the list.
     */
    @Test
    void roomAndPlayerListingsReadPageAndPageSizeAsUnsignedNumbers() throws Exception {
        Player lister = clients.guest("lister");
        Player owner = clients.guest("owner");
        owner.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Listed")).build())
                .get(10, TimeUnit.SECONDS);

        for (int huge : HUGE_UINT32) {
            RoomList farPage = request(lister, Envelope.newBuilder().setListRooms(ListRooms.newBuilder().setPage(huge)))
                    .getRoomList();
            assertThat(farPage.getRoomsList()).isEmpty();
            assertThat(farPage.getTotal()).isPositive();
            assertThat(farPage.getPage()).isEqualTo(huge);
            RoomList bigPage = request(lister, Envelope.newBuilder()
                    .setListRooms(ListRooms.newBuilder().setPageSize(huge))).getRoomList();
            assertThat(bigPage.getRoomsCount()).isEqualTo(Math.min(bigPage.getTotal(), 200));

            OnlineUserList farUsers = request(lister, Envelope.newBuilder()
                    .setListOnlineUsers(ListOnlineUsers.newBuilder().setPage(huge))).getOnlineUserList();
            assertThat(farUsers.getUsersList()).isEmpty();
            assertThat(farUsers.getTotal()).isGreaterThanOrEqualTo(2);
            OnlineUserList bigUsers = request(lister, Envelope.newBuilder()
                    .setListOnlineUsers(ListOnlineUsers.newBuilder().setPageSize(huge))).getOnlineUserList();
            assertThat(bigUsers.getUsersCount()).isEqualTo(Math.min(bigUsers.getTotal(), 200));
        }
    }

    /** Found: whisper history with a peer no player can be named (a space, 65 characters) was INTERNAL. */
    @Test
    void whisperHistoryWithAPeerNoPlayerCanBeNamedIsAnInvalidArgument() throws Exception {
        Player reader = clients.guest("reader");
        for (String peer : List.of("two words", "y".repeat(65), "a:b", "\u0007")) {
            Envelope reply = request(reader, Envelope.newBuilder()
                    .setHistory(History.newBuilder().setScope(ChatScope.WHISPER).setPeer(peer)));
            assertThat(reply.getError().getCode()).as("peer '%s'", peer).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
        Envelope fine = request(reader, Envelope.newBuilder()
                .setHistory(History.newBuilder().setScope(ChatScope.WHISPER).setPeer("nobody_yet")));
        assertThat(fine.hasHistoryPage()).as(fine.toString()).isTrue();
    }
}
