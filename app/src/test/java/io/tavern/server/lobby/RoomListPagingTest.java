package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.WatchLobby;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Paging the room list while it changes. With the {@code next} cursor, a room listed from the first
 * page to the last is seen exactly once and no room twice, in listing order, even though rooms are
 * created before and after the cursor and closed between every two pages. A watcher's snapshot pages
 * are the list at one version, whatever changes meanwhile.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.rooms.empty-grace=300ms"})
class RoomListPagingTest {

    static final int STAYING = 60;
    static final int PAGE = 7;
    static final Comparator<RoomSummary> LISTING_ORDER = Comparator
            .comparing((RoomSummary room) -> room.getName().toLowerCase(Locale.ROOT)).thenComparing(RoomSummary::getId);

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();
    String prefix;
    Set<String> staying;
    Player reader;

    @BeforeEach
    void manyRooms() throws Exception {
        prefix = GameClients.uniqueName("Page");
        staying = new java.util.HashSet<>();
        for (int i = 0; i < STAYING; i++) {
            staying.add(create(clients.guest("host"), prefix + " m" + (100 + i)).getId());
        }
        reader = clients.guest("reader");
    }

    @Test
    void pagingWithTheCursorSeesEveryStayingRoomOnceWhileRoomsComeAndGoBetweenPages() throws Exception {
        List<RoomSummary> seen = readWhileChanging(ListRooms.newBuilder().setNameContains(prefix));
        assertPagingKeptItsPromise(seen);
    }

    @Test
    void pagingTheWholeListWithoutAFilterKeepsTheSamePromise() throws Exception {
        List<RoomSummary> seen = readWhileChanging(ListRooms.newBuilder());
        assertPagingKeptItsPromise(seen);
    }

    @Test
    void aWatchersSnapshotPagesAreTheListAtOneVersion() throws Exception {
        Envelope reply = reader.client().call(Envelope.newBuilder().setWatchLobby(
                WatchLobby.newBuilder().setOn(true).setSnapshot(true).setPageSize(PAGE))).get(10, TimeUnit.SECONDS);
        RoomList page = reply.getRoomList();
        long version = page.getVersion();
        int total = page.getTotal();
        List<RoomSummary> snapshot = new ArrayList<>(page.getRoomsList());
        List<Player> comers = new ArrayList<>();
        while (!page.getNext().isEmpty()) {
            comers.add(clients.guest("comer"));
            create(comers.get(comers.size() - 1), prefix + " a" + comers.size()); // sorts first, after the snapshot
            page = reader.client().listRooms(ListRooms.newBuilder().setSnapshotVersion(version)
                    .setAfter(page.getNext()).setPageSize(PAGE).build()).get(10, TimeUnit.SECONDS);
            assertThat(page.getVersion()).isEqualTo(version);
            snapshot.addAll(page.getRoomsList());
        }
        assertThat(snapshot).hasSize(total).isSortedAccordingTo(LISTING_ORDER);
        assertThat(snapshot).extracting(RoomSummary::getId).containsAll(staying).doesNotHaveDuplicates();
        assertThat(snapshot).extracting(RoomSummary::getName).noneMatch(name -> name.startsWith(prefix + " a"));
        // The snapshot is let go once read to its end.
        assertThat(GameClients.errorOf(reader.client().listRooms(ListRooms.newBuilder().setSnapshotVersion(version)
                .build())).getCode()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    /**
     * Reads page after page; between two pages a room is created that sorts before the cursor, one
     * that sorts after it, and a room created earlier is left to close.
     */
    private List<RoomSummary> readWhileChanging(ListRooms.Builder filter) throws Exception {
        List<RoomSummary> seen = new ArrayList<>();
        List<Player> comers = new ArrayList<>();
        RoomList page = reader.client().listRooms(filter.setPageSize(PAGE).build()).get(10, TimeUnit.SECONDS);
        seen.addAll(page.getRoomsList());
        int changes = 0;
        while (!page.getNext().isEmpty()) {
            changes++;
            Player early = clients.guest("early");
            Player late = clients.guest("late");
            create(early, prefix + " a" + changes); // before the cursor: an offset would now repeat a room
            create(late, prefix + " z" + changes);  // after it: may or may not be seen
            if (!comers.isEmpty()) {
                comers.remove(0).client().leaveRoom().get(10, TimeUnit.SECONDS); // closes: an offset would skip one
            }
            comers.add(early);
            comers.add(late);
            page = reader.client().listRooms(filter.setAfter(page.getNext()).build()).get(10, TimeUnit.SECONDS);
            seen.addAll(page.getRoomsList());
        }
        assertThat(changes).isGreaterThan(STAYING / PAGE - 1);
        return seen;
    }

    private void assertPagingKeptItsPromise(List<RoomSummary> seen) {
        assertThat(seen).extracting(RoomSummary::getId).doesNotHaveDuplicates().containsAll(staying);
        assertThat(seen).isSortedAccordingTo(LISTING_ORDER);
        Set<String> stayingSeen = seen.stream().map(RoomSummary::getId).filter(staying::contains)
                .collect(Collectors.toSet());
        assertThat(stayingSeen).hasSize(STAYING);
    }

    private static RoomSummary create(Player player, String name) throws Exception {
        TavernClient client = player.client();
        return client.createRoom(CreateRoom.newBuilder().setName(name).build()).get(10, TimeUnit.SECONDS).getRoom();
    }
}
