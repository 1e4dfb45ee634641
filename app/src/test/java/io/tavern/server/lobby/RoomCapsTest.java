package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, caps on rooms: in all, per player, and created per minute by a session and by an address. Each
 * refuses CreateRoom with TOO_MANY_ROOMS; the per-minute caps say when to retry. Each test runs its own
 * server, configured for the cap it checks.
 */
class RoomCapsTest {

    @Test
    void theServerRefusesRoomsPastItsCapUntilOneCloses() throws Exception {
        try (RunningServer server = RunningServer.start("tavern.rooms.max-rooms=2", "tavern.rooms.empty-grace=0s");
             GameClients clients = new GameClients(server.port())) {
            Player first = clients.guest("first");
            create(first);
            create(clients.guest("second"));

            Player third = clients.guest("third");
            Error refused = GameClients.errorOf(third.client().createRoom(room()));
            assertThat(refused.getCode()).isEqualTo(ErrorCode.TOO_MANY_ROOMS);
            assertThat(refused.getMessage()).contains("server");
            assertThat(refused.getRetryAfterMs()).as("no time to wait: a room must close").isZero();

            first.client().leaveRoom().get(10, TimeUnit.SECONDS); // empty, it closes at once
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> third.client().createRoom(room()).get(10, TimeUnit.SECONDS) != null);
        }
    }

    @Test
    void aPlayerWithAsManyOpenRoomsAsAllowedIsRefusedWhileOthersMayCreate() throws Exception {
        try (RunningServer server = RunningServer.start("tavern.rooms.max-rooms-per-player=2",
                "tavern.rooms.empty-grace=1h");
             GameClients clients = new GameClients(server.port())) {
            Player host = clients.guest("host");
            create(host);
            host.client().leaveRoom().get(10, TimeUnit.SECONDS);
            create(host);
            host.client().leaveRoom().get(10, TimeUnit.SECONDS); // both rooms stay open, empty, for an hour

            Error refused = GameClients.errorOf(host.client().createRoom(room()));
            assertThat(refused.getCode()).isEqualTo(ErrorCode.TOO_MANY_ROOMS);
            assertThat(refused.getMessage()).contains("you have");
            assertThat(refused.getRetryAfterMs()).isZero();

            create(clients.guest("other"));
        }
    }

    @Test
    void aSessionCreatingRoomsFasterThanItsRateIsToldWhenToRetry() throws Exception {
        try (RunningServer server = RunningServer.start("tavern.rooms.creations-per-minute=2",
                "tavern.rooms.empty-grace=0s");
             GameClients clients = new GameClients(server.port())) {
            Player host = clients.guest("host");
            for (int i = 0; i < 2; i++) {
                create(host);
                host.client().leaveRoom().get(10, TimeUnit.SECONDS);
            }
            Error refused = GameClients.errorOf(host.client().createRoom(room()));
            assertThat(refused.getCode()).isEqualTo(ErrorCode.TOO_MANY_ROOMS);
            assertThat(refused.getRetryAfterMs()).as("one more in 30 s at 2 a minute").isBetween(1L, 30_000L);

            create(clients.guest("other")); // the allowance is the session's
        }
    }

    @Test
    void theSessionsOfOneAddressShareItsRateOfCreations() throws Exception {
        try (RunningServer server = RunningServer.start("tavern.rooms.creations-per-minute-per-address=2");
             GameClients clients = new GameClients(server.port())) {
            create(clients.guest("one"));
            create(clients.guest("two"));

            Error refused = GameClients.errorOf(clients.guest("three").client().createRoom(room()));
            assertThat(refused.getCode()).isEqualTo(ErrorCode.TOO_MANY_ROOMS);
            assertThat(refused.getRetryAfterMs()).isBetween(1L, 30_000L);
        }
    }

    private static void create(Player player) throws Exception {
        assertThat(player.client().createRoom(room()).get(10, TimeUnit.SECONDS).getRoom().getName()).startsWith("Capped ");
    }

    private static CreateRoom room() {
        return CreateRoom.newBuilder().setName(GameClients.uniqueName("Capped ")).build();
    }
}
