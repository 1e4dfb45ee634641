package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Paging who is online while players log in and out. With the {@code next} cursor, a player online from the
 * first page to the last is seen exactly once, nobody twice, in name order, although between every two pages
 * one player logs in who sorts before the cursor, one who sorts after it, and one who logged in earlier leaves.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.rooms.empty-grace=300ms"})
class OnlineUsersPagingTest {

    static final int STAYING = 40;
    static final int PAGE = 6;
    static final Comparator<OnlineUser> NAME_ORDER = Comparator.comparing(user -> user.getUser().toLowerCase(Locale.ROOT));

    @Autowired
    TavernServer server;

    GameClients clients;
    String prefix;
    Set<String> staying;
    Player reader;

    @BeforeEach
    void manyOnline() throws Exception {
        clients = new GameClients(server.port());
        prefix = GameClients.uniqueName("on");
        staying = new HashSet<>();
        for (int i = 0; i < STAYING; i++) {
            staying.add(clients.guest(prefix + "m").name());
        }
        reader = clients.guest("reader");
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void pagingOnesNamesWithTheCursorSeesEveryoneWhoStayedOnceWhilePlayersComeAndGo() throws Exception {
        List<OnlineUser> seen = readWhilePlayersComeAndGo(ListOnlineUsers.newBuilder().setNameContains(prefix));

        assertSeenOnceInOrder(seen);
        assertThat(seen).extracting(OnlineUser::getUser).allMatch(name -> name.startsWith(prefix));
    }

    @Test
    void pagingEveryoneOnlineKeepsTheSamePromise() throws Exception {
        assertSeenOnceInOrder(readWhilePlayersComeAndGo(ListOnlineUsers.newBuilder()));
    }

    @Test
    void aCursorTheServerDidNotMakeIsRefusedAndAPageSizeIsBounded() throws Exception {
        assertThat(GameClients.errorOf(reader.client().listOnlineUsers(ListOnlineUsers.newBuilder()
                .setAfter("no colon").build())).getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);

        OnlineUserList huge = reader.client().listOnlineUsers(ListOnlineUsers.newBuilder().setPageSize(-1).build())
                .get(10, TimeUnit.SECONDS);

        assertThat(huge.getUsersCount()).isLessThanOrEqualTo(RoomListPages.MAX_PAGE_SIZE);
        assertThat(huge.getTotal()).isGreaterThanOrEqualTo(STAYING + 1);
    }

    /** Reads page after page; between two pages a player logs in before the cursor and after it, and one leaves. */
    private List<OnlineUser> readWhilePlayersComeAndGo(ListOnlineUsers.Builder request) throws Exception {
        List<OnlineUser> seen = new ArrayList<>();
        Deque<Player> comers = new ArrayDeque<>();
        OnlineUserList page = reader.client().listOnlineUsers(request.setPageSize(PAGE).build()).get(10, TimeUnit.SECONDS);
        long firstVersion = page.getVersion();
        seen.addAll(page.getUsersList());
        int changes = 0;
        while (!page.getNext().isEmpty()) {
            changes++;
            comers.add(clients.guest(prefix + "a")); // sorts before the cursor: an offset would now repeat a player
            comers.add(clients.guest(prefix + "z")); // after it: may or may not be seen
            if (comers.size() > 2) {
                comers.removeFirst().client().close(); // leaves: an offset would now skip one
            }
            page = reader.client().listOnlineUsers(request.setAfter(page.getNext()).build()).get(10, TimeUnit.SECONDS);
            seen.addAll(page.getUsersList());
        }
        assertThat(changes).isGreaterThanOrEqualTo(STAYING / PAGE);
        assertThat(page.getVersion()).as("the list changed while it was read").isGreaterThan(firstVersion);
        return seen;
    }

    private void assertSeenOnceInOrder(List<OnlineUser> seen) {
        assertThat(seen).extracting(OnlineUser::getUser).doesNotHaveDuplicates().containsAll(staying);
        assertThat(seen).isSortedAccordingTo(NAME_ORDER);
    }
}
