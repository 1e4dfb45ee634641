package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.LogicStats;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.session.PlayerState;
import io.tavern.server.session.PlayerState.Phase;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The player's phases and the transitions between them, one behaviour per test. */
class PlayerStateTest {

    private final LogicExecutor logic = new LogicExecutor(1, new LogicStats(new SimpleMeterRegistry()));
    private final SerialExecutor executor = logic.newSerialExecutor("session-test", 0);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Session session = new Session("s", channel, 1 << 20, Duration.ofSeconds(1), new SendStats());
    private final PlayerState player = session.player();
    private final Room arena = room("Arena");
    private final Room other = room("Other");

    PlayerStateTest() {
        session.attach(executor);
    }

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
        logic.close();
    }

    @Test
    void aLoginGoesFromConnectedThroughLoggingInToTheLobbyAndASecondLoginIsRefused() throws Exception {
        assertThat(player.phase()).isEqualTo(Phase.CONNECTED);
        assertThat(onSession(player::beginLogin)).isTrue();
        assertThat(onSession(player::beginLogin)).isFalse();
        assertThat(onSession(player::loggedIn)).isTrue();
        assertThat(player.phase()).isEqualTo(Phase.LOBBY);
        assertThat(onSession(player::beginLogin)).isFalse();
    }

    @Test
    void aLoginThatEndsWithoutSuccessLeavesThePlayerFreeToTryAgain() throws Exception {
        onSession(player::beginLogin);
        assertThat(onSession(player::loginEnded)).isTrue();
        assertThat(player.phase()).isEqualTo(Phase.CONNECTED);
        assertThat(onSession(player::beginLogin)).isTrue();
    }

    @Test
    void aVerdictAboutAnotherRoomChangesNothing() throws Exception {
        inLobby();
        onSession(() -> player.joining(arena));
        assertThat(onSession(() -> player.admitted(other))).isFalse();
        assertThat(onSession(() -> player.refused(other))).isFalse();
        assertThat(player.place()).isEqualTo(new PlayerState.Place(Phase.JOINING, arena));
        assertThat(player.inOrNearRoom()).isTrue();
        assertThat(player.room()).as("not a member yet").isNull();

        assertThat(onSession(() -> player.admitted(arena))).isTrue();
        assertThat(player.place()).isEqualTo(new PlayerState.Place(Phase.IN_ROOM, arena));
        assertThat(player.room()).isSameAs(arena);
    }

    @Test
    void aRefusedJoinReturnsToTheLobby() throws Exception {
        inLobby();
        onSession(() -> player.joining(arena));
        assertThat(onSession(() -> player.refused(arena))).isTrue();
        assertThat(player.phase()).isEqualTo(Phase.LOBBY);
        assertThat(player.inOrNearRoom()).isFalse();
    }

    @Test
    void aRoomLetsItsMemberGoWhetherItAskedToLeaveOrNot() throws Exception {
        inRoom(arena);
        assertThat(onSession(() -> player.removed(arena))).as("kicked").isTrue();
        assertThat(player.phase()).isEqualTo(Phase.LOBBY);

        onSession(() -> player.joining(arena));
        onSession(() -> player.admitted(arena));
        assertThat(onSession(() -> player.leaving(arena))).isTrue();
        assertThat(player.room()).as("still a member while leaving").isSameAs(arena);
        assertThat(onSession(() -> player.removed(arena))).isTrue();
        assertThat(player.phase()).isEqualTo(Phase.LOBBY);
    }

    @Test
    void aRemovalIsNotAnAnswerToAJoin() throws Exception {
        inLobby();
        onSession(() -> player.joining(arena));
        assertThat(onSession(() -> player.removed(arena))).isFalse();
        assertThat(player.phase()).isEqualTo(Phase.JOINING);
    }

    @Test
    void aCloseWhileJoiningKeepsTheRoomThatMustLetThePlayerGo() throws Exception {
        inLobby();
        onSession(() -> player.joining(arena));
        onSession(() -> {
            player.close();
            return null;
        });
        assertThat(player.place()).isEqualTo(new PlayerState.Place(Phase.CLOSED, arena));
        assertThat(onSession(() -> player.admitted(arena))).as("the admit that lost the race").isFalse();
        assertThat(player.room()).isNull();
    }

    @Test
    void aCloseInTheLobbyLeavesNoRoomBehind() throws Exception {
        inLobby();
        onSession(() -> {
            player.close();
            return null;
        });
        assertThat(player.place()).isEqualTo(new PlayerState.Place(Phase.CLOSED, null));
        assertThat(onSession(player::beginLogin)).isFalse();
    }

    @Test
    void transitionsOutsideTheSessionsExecutorThrow() {
        assertThatThrownBy(player::beginLogin).isInstanceOf(IllegalStateException.class);
    }

    private void inLobby() throws Exception {
        onSession(player::beginLogin);
        onSession(player::loggedIn);
    }

    private void inRoom(Room room) throws Exception {
        inLobby();
        onSession(() -> player.joining(room));
        onSession(() -> player.admitted(room));
    }

    private <T> T onSession(Supplier<T> transition) throws Exception {
        return CompletableFuture.supplyAsync(transition, executor).get(5, TimeUnit.SECONDS);
    }

    private Room room(String name) {
        RoomSettings settings = RoomSettings.of(CreateRoom.newBuilder().setName(name).build(), new RoomLimits(8, 8, 2));
        return new Room(name.toLowerCase(), settings, logic.newSerialExecutor("room-" + name, 0),
                new RoomContext(null, null, logic, null, null, null, null, Duration.ZERO, 0, null, null));
    }
}
