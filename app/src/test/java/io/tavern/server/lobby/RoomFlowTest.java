package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.Member;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole life of a room with four players, request by request, event by event. */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.rooms.empty-grace=300ms"})
class RoomFlowTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    TavernServer server;

    @Autowired
    LogicExecutor logic;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();
    Player alice;
    Player bob;
    Player carol;
    Player dave;

    @BeforeEach
    void fourPlayers() throws Exception {
        alice = clients.guest("alice");
        bob = clients.guest("bob");
        carol = clients.guest("carol");
        dave = clients.guest("dave");
    }

    @AfterEach
    void noRoomOperationEverFailed() {
        // Every room operation checks it runs on its room's executor; a breach would throw and count here.
        assertThat(logic.stats().tasksFailed()).isZero();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    private static ErrorCode errorOf(CompletableFuture<?> future) {
        try {
            future.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected an error reply");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ServerErrorException.class);
            return ((ServerErrorException) e.getCause()).code();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static RoomEventType nextRoomEvent(Player player) throws InterruptedException {
        return player.inbox().await(Envelope::hasRoomEvent, WAIT).getRoomEvent().getType();
    }

    private String uniqueRoom(String prefix) {
        return GameClients.uniqueName(prefix);
    }

    @Test
    void aRoomFromCreationToRemoval() throws Exception {
        String arena = uniqueRoom("Arena");
        // create: the creator is its owner and only member
        RoomDetails created = get(alice.client().createRoom(CreateRoom.newBuilder()
                .setName(arena).setCapacity(4).setMinPlayers(3)
                .putMetadata("mode", "ctf").putMetadata("map", "dust").build()));
        assertThat(created.getRoom().getOwner()).isEqualTo(alice.name());
        assertThat(created.getMembersList()).extracting(Member::getUser).containsExactly(alice.name());
        String roomId = created.getRoom().getId();

        // list, with filters
        RoomList byName = get(bob.client().listRooms(ListRooms.newBuilder().setNameContains(arena.toLowerCase()).build()));
        assertThat(byName.getRoomsList()).extracting(RoomSummary::getName).containsExactly(arena);
        RoomList byMeta = get(bob.client().listRooms(ListRooms.newBuilder().setNameContains(arena)
                .putMetadata("mode", "dm").build()));
        assertThat(byMeta.getRoomsList()).isEmpty();
        RoomList open = get(bob.client().listRooms(ListRooms.newBuilder().setNameContains(arena)
                .setState(RoomState.OPEN).setFreeSlotOnly(true).putMetadata("mode", "ctf").build()));
        assertThat(open.getTotal()).isEqualTo(1);

        // join: members see each other arrive
        assertThat(get(bob.client().joinRoom(arena, null)).getMembersCount()).isEqualTo(2);
        assertThat(nextRoomEvent(alice)).isEqualTo(RoomEventType.MEMBER_JOINED);
        get(carol.client().joinRoom(roomId, null));
        assertThat(nextRoomEvent(alice)).isEqualTo(RoomEventType.MEMBER_JOINED);
        assertThat(errorOf(carol.client().joinRoom(arena, null))).isEqualTo(ErrorCode.ALREADY_IN_ROOM);

        // start needs everyone ready, and only the owner may start
        assertThat(errorOf(bob.client().startGame())).isEqualTo(ErrorCode.NOT_OWNER);
        assertThat(errorOf(alice.client().startGame())).isEqualTo(ErrorCode.NOT_ALL_READY);
        for (Player p : new Player[] {alice, bob, carol}) {
            get(p.client().setReady(true));
        }
        get(alice.client().startGame());
        assertThat(carol.inbox().await(e -> e.hasRoomEvent()
                && e.getRoomEvent().getType() == RoomEventType.GAME_STARTED, WAIT)).isNotNull();
        assertThat(errorOf(dave.client().joinRoom(arena, null))).isEqualTo(ErrorCode.ROOM_IN_GAME);
        get(alice.client().endGame());
        assertThat(carol.inbox().await(e -> e.hasRoomEvent()
                && e.getRoomEvent().getType() == RoomEventType.GAME_ENDED, WAIT)).isNotNull();

        // kick: only the owner; the kicked player is told and is back in the lobby
        get(dave.client().joinRoom(arena, null));
        assertThat(errorOf(bob.client().kick(dave.name(), "no"))).isEqualTo(ErrorCode.NOT_OWNER);
        get(alice.client().kick(dave.name(), "afk"));
        Envelope kicked = dave.inbox().await(Envelope::hasKicked, WAIT);
        assertThat(kicked.getKicked().getScope()).isEqualTo(KickScope.FROM_ROOM);
        assertThat(kicked.getKicked().getReason()).isEqualTo("afk");
        assertThat(bob.inbox().await(e -> e.hasRoomEvent()
                && e.getRoomEvent().getType() == RoomEventType.MEMBER_KICKED, WAIT).getRoomEvent().getUser())
                .isEqualTo(dave.name());
        Awaitility.await().atMost(WAIT).until(() -> roomOf(dave).isEmpty());

        // owner hand-over: the longest-present member becomes owner
        get(alice.client().leaveRoom());
        Envelope ownerChanged = carol.inbox().await(e -> e.hasRoomEvent()
                && e.getRoomEvent().getType() == RoomEventType.OWNER_CHANGED, WAIT);
        assertThat(ownerChanged.getRoomEvent().getUser()).isEqualTo(bob.name());
        assertThat(errorOf(alice.client().leaveRoom())).isEqualTo(ErrorCode.NOT_IN_ROOM);

        // the last ones out: after the grace period the room is gone
        get(bob.client().leaveRoom());
        get(carol.client().leaveRoom());
        Awaitility.await().atMost(WAIT).until(() -> get(dave.client().listRooms(
                ListRooms.newBuilder().setNameContains(arena).build())).getTotal() == 0);
        assertThat(errorOf(dave.client().joinRoom(arena, null))).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
    }

    private String roomOf(Player player) throws Exception {
        return get(alice.client().listOnlineUsers(ListOnlineUsers.newBuilder().setNameContains(player.name()).build()))
                .getUsers(0).getRoom();
    }

    @Test
    void aRoomWithAPasswordAdmitsOnlyThoseWhoKnowIt() throws Exception {
        String vault = uniqueRoom("Vault");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(vault).setPassword("s3cret").build()));
        assertThat(errorOf(bob.client().joinRoom(vault, "guess"))).isEqualTo(ErrorCode.WRONG_PASSWORD);
        assertThat(errorOf(bob.client().joinRoom(vault, null))).isEqualTo(ErrorCode.WRONG_PASSWORD);
        RoomDetails joined = get(bob.client().joinRoom(vault, "s3cret"));
        assertThat(joined.getRoom().getHasPassword()).isTrue();
        assertThat(joined.toString()).doesNotContain("s3cret");
    }

    @Test
    void aPrivateRoomIsNotListedButCanBeJoinedByName() throws Exception {
        String hidden = uniqueRoom("Hidden");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(hidden).setPrivate(true).build()));
        assertThat(get(bob.client().listRooms(ListRooms.newBuilder().setNameContains(hidden).build())).getTotal()).isZero();
        assertThat(get(bob.client().joinRoom(hidden, null)).getRoom().getPrivate()).isTrue();
    }

    @Test
    void roomNamesAreUniqueAmongOpenRoomsWhateverTheirCase() throws Exception {
        String name = uniqueRoom("Tavern");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(name).build()));
        assertThat(errorOf(bob.client().createRoom(CreateRoom.newBuilder().setName(name.toUpperCase()).build())))
                .isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
    }

    @Test
    void badRoomSettingsAreInvalidArguments() throws Exception {
        TavernClient c = alice.client();
        assertThat(errorOf(c.createRoom(CreateRoom.newBuilder().setName("x").build()))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(errorOf(c.createRoom(CreateRoom.newBuilder().setName(uniqueRoom("Big")).setCapacity(65).build())))
                .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        CreateRoom.Builder tooMuchMetadata = CreateRoom.newBuilder().setName(uniqueRoom("Meta"));
        for (int i = 0; i < 17; i++) {
            tooMuchMetadata.putMetadata("k" + i, "v");
        }
        assertThat(errorOf(c.createRoom(tooMuchMetadata.build()))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        // after refusals the player is still free to create a room
        assertThat(get(c.createRoom(CreateRoom.newBuilder().setName(uniqueRoom("Fine")).build())).getMembersCount()).isEqualTo(1);
    }

    @Test
    void startingNeedsTheMinimumNumberOfPlayers() throws Exception {
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(uniqueRoom("Duel")).setMinPlayers(2).build()));
        get(alice.client().setReady(true));
        assertThat(errorOf(alice.client().startGame())).isEqualTo(ErrorCode.NOT_ENOUGH_PLAYERS);
    }

    @Test
    void roomChatReachesTheMembersOnlyAndANewcomerFirstGetsTheRecentHistory() throws Exception {
        String room = uniqueRoom("Chatty");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(room).build()));
        get(bob.client().joinRoom(room, null));
        get(alice.client().sendChat(ChatScope.ROOM, null, "first"));
        get(bob.client().sendChat(ChatScope.ROOM, null, "second"));
        assertThat(bob.inbox().awaitChats(2, WAIT)).extracting(ChatMessage::getText).containsExactly("first", "second");

        get(carol.client().joinRoom(room, null));
        assertThat(carol.inbox().awaitChats(2, WAIT)).allSatisfy(m -> {
            assertThat(m.getScope()).isEqualTo(ChatScope.ROOM);
            assertThat(m.getRoomName()).isEqualTo(room);
        }).extracting(ChatMessage::getText).containsExactly("first", "second");

        assertThat(errorOf(dave.client().sendChat(ChatScope.ROOM, null, "hello?").thenApply(this::throwIfError)))
                .isEqualTo(ErrorCode.NOT_IN_ROOM);
        get(dave.client().sendChat(ChatScope.LOBBY, null, "lobby only"));
        assertThat(dave.inbox().awaitChats(1, WAIT).get(0).getText()).isEqualTo("lobby only");
        get(alice.client().sendChat(ChatScope.ROOM, null, "third"));
        assertThat(carol.inbox().awaitChats(1, WAIT).get(0).getText()).isEqualTo("third"); // not "lobby only"
    }

    private Envelope throwIfError(Envelope reply) {
        if (reply.hasError()) {
            throw new ServerErrorException(reply.getError());
        }
        return reply;
    }

    @Test
    void aDisconnectingOwnerHandsTheRoomOn() throws Exception {
        String room = uniqueRoom("Handover");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(room).build()));
        get(bob.client().joinRoom(room, null));
        get(carol.client().joinRoom(room, null));
        alice.client().close();
        Envelope ownerChanged = carol.inbox().await(e -> e.hasRoomEvent()
                && e.getRoomEvent().getType() == RoomEventType.OWNER_CHANGED, WAIT);
        assertThat(ownerChanged.getRoomEvent().getUser()).isEqualTo(bob.name());
        assertThat(ownerChanged.getRoomEvent().getRoom().getOwner()).isEqualTo(bob.name());
    }

    @Test
    void lobbyWatchersGetRoomListDeltasInsteadOfPolling() throws Exception {
        get(dave.client().call(Envelope.newBuilder().setWatchLobby(
                io.tavern.protocol.v1.WatchLobby.newBuilder().setOn(true))));
        String room = uniqueRoom("Watched");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(room).build()));
        Envelope createdEvent = dave.inbox().await(e -> e.hasLobbyEvent()
                && e.getLobbyEvent().getRoom().getName().equals(room), WAIT);
        assertThat(createdEvent.getLobbyEvent().getType()).isEqualTo(io.tavern.protocol.v1.LobbyEventType.ROOM_CREATED);
        get(bob.client().joinRoom(room, null));
        Envelope updated = dave.inbox().await(e -> e.hasLobbyEvent()
                && e.getLobbyEvent().getRoom().getName().equals(room), WAIT);
        assertThat(updated.getLobbyEvent().getType()).isEqualTo(io.tavern.protocol.v1.LobbyEventType.ROOM_UPDATED);
        assertThat(updated.getLobbyEvent().getRoom().getMembers()).isEqualTo(2);
    }

    @Test
    void getRoomShowsARoomAndItsMembersWithoutJoiningIt() throws Exception {
        String room = uniqueRoom("Peek");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(room).build()));
        RoomDetails details = get(bob.client().call(Envelope.newBuilder().setGetRoom(
                io.tavern.protocol.v1.GetRoom.newBuilder().setRoom(room)))).getRoomDetails();
        assertThat(details.getMembersList()).extracting(Member::getUser).containsExactly(alice.name());
        assertThatThrownBy(() -> get(bob.client().listMembers())).hasCauseInstanceOf(ServerErrorException.class);
    }
}
