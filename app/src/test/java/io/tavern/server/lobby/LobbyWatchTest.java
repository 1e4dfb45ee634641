package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.LobbyView;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.UpdateRoom;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 13, item 7: a lobby watcher misses nothing. A watcher takes its snapshot while rooms are
 * created, updated, turned private and public again, left and closed around it; once the churn is
 * over, its view is exactly what a fresh ListRooms shows, at the same version, and it never had to
 * take a second snapshot because an event was missing.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.rooms.empty-grace=300ms"})
class LobbyWatchTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final int CHURNERS = 4;
    static final int ROUNDS = 8;

    @Autowired
    TavernServer server;

    @Autowired
    LogicExecutor logic;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();
    ExecutorService churn;

    @BeforeEach
    void connect() {
        churn = Executors.newFixedThreadPool(CHURNERS);
    }

    @AfterEach
    void close() {
        churn.shutdownNow();
        assertThat(logic.stats().tasksFailed()).isZero();
    }

    @RepeatedTest(20)
    void aWatcherThatStartsWhileRoomsChangeEndsWithExactlyTheServersList() throws Exception {
        Player watcher = clients.guest("watcher");
        Player lister = clients.guest("lister");
        List<Player> churners = new ArrayList<>();
        for (int i = 0; i < CHURNERS; i++) {
            churners.add(clients.guest("churn"));
        }
        CountDownLatch underWay = new CountDownLatch(CHURNERS);
        List<CompletableFuture<Void>> churning = churners.stream()
                .map(player -> CompletableFuture.runAsync(() -> churnRooms(player, underWay), churn))
                .toList();

        underWay.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        LobbyView view = LobbyView.watch(watcher.client(), 7).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture.allOf(churning.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        // Rooms left empty close a grace period later: the list settles, and the view with it.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            RoomList listed = RoomListings.all(lister.client());
            assertThat(view.version()).isEqualTo(listed.getVersion());
            assertThat(view.rooms()).isEqualTo(listed.getRoomsList());
        });
        assertThat(view.resyncs()).isZero();
    }

    /** Creates rooms and changes them every way a listed room can change, then leaves them to close. */
    private static void churnRooms(Player player, CountDownLatch underWay) {
        try {
            TavernClient client = player.client();
            for (int round = 0; round < ROUNDS; round++) {
                client.createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Churn"))
                        .putMetadata("round", "0").build()).get(10, TimeUnit.SECONDS);
                for (int change = 1; change <= 3; change++) {
                    update(client, UpdateRoom.newBuilder().setReplaceMetadata(true)
                            .putMetadata("round", String.valueOf(change)));
                }
                if (round % 2 == 1) {
                    update(client, UpdateRoom.newBuilder().setPrivate(true));
                    update(client, UpdateRoom.newBuilder().setCapacity(6));
                }
                if (round % 4 == 3) {
                    update(client, UpdateRoom.newBuilder().setPrivate(false));
                }
                if (round == 1) {
                    underWay.countDown();
                }
                client.leaveRoom().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(TavernClient client, UpdateRoom.Builder update) throws Exception {
        client.call(Envelope.newBuilder().setUpdateRoom(update)).get(10, TimeUnit.SECONDS);
    }
}
