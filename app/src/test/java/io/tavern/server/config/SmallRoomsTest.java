package io.tavern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A studio whose rooms hold four players sets {@code tavern.rooms.max-capacity=4} and nothing else: a room
 * created without a capacity gets four seats (the standard eight, fitted to the maximum), not a refusal.
 */
class SmallRoomsTest {

    @Test
    void aPlainCreateOnAServerWithSmallRoomsGetsTheMaximumAsItsCapacity() throws Exception {
        try (RunningServer server = RunningServer.start("tavern.rooms.max-capacity=4");
             GameClients clients = new GameClients(server.port())) {
            Player alice = clients.guest("alice");
            assertThat(alice.client().welcome().getLimits().getMaxRoomCapacity()).isEqualTo(4);

            RoomDetails room = alice.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Den")).build())
                    .get(10, TimeUnit.SECONDS);
            assertThat(room.getRoom().getCapacity()).isEqualTo(4);
            assertThat(room.getRoom().getMinPlayers()).isEqualTo(2);

            Player bob = clients.guest("bob");
            assertThatThrownBy(() -> bob.client().createRoom(CreateRoom.newBuilder()
                    .setName(GameClients.uniqueName("Hall")).setCapacity(5).build()).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ServerErrorException.class)
                    .satisfies(e -> assertThat(((ServerErrorException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void theDefaultCapacityAndMinimumAreSettings() throws Exception {
        try (RunningServer server = RunningServer.start("tavern.rooms.default-capacity=6", "tavern.rooms.default-min-players=3");
             GameClients clients = new GameClients(server.port())) {
            Player alice = clients.guest("alice");
            RoomDetails room = alice.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Six")).build())
                    .get(10, TimeUnit.SECONDS);
            assertThat(room.getRoom().getCapacity()).isEqualTo(6);
            assertThat(room.getRoom().getMinPlayers()).isEqualTo(3);
        }
    }
}
