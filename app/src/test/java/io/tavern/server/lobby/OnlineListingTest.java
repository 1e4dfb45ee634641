package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.LogicStats;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who is online, as {@code ListOnlineUsers} reads it: sorted when players log in and out, so that a request
 * with five thousand players online reads its page off the sorted list, neither sorting nor rebuilding it.
 */
class OnlineListingTest {

    static final int ONLINE = 5_000;

    private final LogicExecutor logic = new LogicExecutor(1, new LogicStats(new SimpleMeterRegistry()));
    private final LobbyFeed feed = new LobbyFeed(logic.newSerialExecutor("lobby-feed", 0), logic, Duration.ofSeconds(1));
    private final OnlineListing online = new OnlineListing();
    private final LobbyQueryHandler queries = new LobbyQueryHandler(online, feed);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        logic.close();
    }

    private Session logIn(String name) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        Session session = new Session("s-" + name, channel, 1 << 16, Duration.ofSeconds(1), new SendStats());
        session.loggedIn(name, PlayerIdentity.guest(session));
        online.loggedIn(session);
        return session;
    }

    /** Logs {@code ONLINE} players in, in no particular order; returns their names in listing order. */
    private List<String> manyOnline() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ONLINE; i++) {
            names.add((i % 2 == 0 ? "Player" : "player") + String.format(Locale.ROOT, "%05d", i));
        }
        List<String> arrival = new ArrayList<>(names);
        Collections.shuffle(arrival, new Random(14));
        arrival.forEach(this::logIn);
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    @Test
    void withFiveThousandOnlineARequestPagesTheListSortedAtLoginWithoutRebuildingIt() {
        List<String> sorted = manyOnline();
        SortedSnapshot<OnlineListing.Entry> listing = online.snapshot();

        List<String> read = new ArrayList<>();
        OnlineUserList page = queries.listOnline(ListOnlineUsers.newBuilder().setPageSize(200).build());
        read.addAll(page.getUsersList().stream().map(OnlineUser::getUser).toList());
        while (!page.getNext().isEmpty()) {
            page = queries.listOnline(ListOnlineUsers.newBuilder().setPageSize(200).setAfter(page.getNext()).build());
            assertThat(page.getVersion()).isEqualTo(listing.version);
            assertThat(page.getTotal()).isEqualTo(ONLINE);
            read.addAll(page.getUsersList().stream().map(OnlineUser::getUser).toList());
        }

        assertThat(read).isEqualTo(sorted);
        assertThat(online.snapshot()).as("25 requests read one list, built at login, and built none").isSameAs(listing);
        assertThat(listing.version).as("one version a login").isEqualTo(ONLINE);
    }

    @Test
    void aLogoutTakesThePlayerOffAndAPageByOffsetStartsAtItsIndex() {
        List<String> sorted = manyOnline();
        Session leaving = logIn("aaa-first");
        long before = online.snapshot().version;

        online.sessionClosed(leaving);

        assertThat(online.snapshot().version).isEqualTo(before + 1);
        OnlineUserList tenth = queries.listOnline(ListOnlineUsers.newBuilder().setPage(9).setPageSize(50).build());
        assertThat(tenth.getUsersList()).extracting(OnlineUser::getUser).containsExactlyElementsOf(sorted.subList(450, 500));
        assertThat(tenth.getUsersList()).allMatch(OnlineUser::getGuest).allMatch(user -> user.getRoom().isEmpty());
    }

    @Test
    void aNameFilterCountsItsMatchesOverTheSortedList() {
        manyOnline();

        OnlineUserList page = queries.listOnline(ListOnlineUsers.newBuilder().setNameContains("ER0499").build());

        assertThat(page.getUsersList()).extracting(OnlineUser::getUser).containsExactly(
                "Player04990", "player04991", "Player04992", "player04993", "Player04994", "player04995", "Player04996",
                "player04997", "Player04998", "player04999");
        assertThat(page.getTotal()).isEqualTo(10);
        assertThat(page.getNext()).isEmpty();
    }

    @Test
    void aSessionThatNeverLoggedInIsNeitherListedNorAChange() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);

        online.sessionClosed(new Session("never", channel, 1 << 16, Duration.ofSeconds(1), new SendStats()));

        assertThat(online.snapshot().version).isZero();
    }
}
