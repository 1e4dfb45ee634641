package io.tavern.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.JoinRoom;
import io.tavern.protocol.v1.Login;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.Register;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0",
        "tavern.auth.login-attempts.per-name=3", "tavern.auth.login-attempts.backoff=1m",
        // Every test here logs in and registers from 127.0.0.1: only the per-name limit is under test.
        "tavern.auth.login-attempts.per-address=1000", "tavern.auth.registration.per-address=1000"})
class AccountLoginTest {

    static final String PASSWORD = "correct horse";

    @Autowired
    TavernServer server;

    @Autowired
    Moderation moderation;

    @Autowired
    MeterRegistry registry;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    private TavernClient connect() throws Exception {
        return clients.connect(o -> o).client();
    }

    private static Envelope reply(TavernClient client, Envelope.Builder request) throws Exception {
        return client.request(request).get(10, TimeUnit.SECONDS);
    }

    private static Envelope.Builder register(String name, String password) {
        return Envelope.newBuilder().setRegister(Register.newBuilder().setName(name).setPassword(password));
    }

    private static Envelope.Builder login(String name, String password) {
        return Envelope.newBuilder().setLogin(Login.newBuilder().setName(name).setPassword(password));
    }

    @Test
    void aPlayerRegistersThenLogsInWithThePasswordOnANewConnection() throws Exception {
        String name = GameClients.uniqueName("Reg");
        TavernClient first = connect();
        LoginOk registered = reply(first, register(name, PASSWORD)).getLoginOk();
        assertThat(registered.getUser()).isEqualTo(name);
        assertThat(registered.getGuest()).isFalse();
        first.close();

        TavernClient second = connect();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> reply(second, login(name.toLowerCase(), PASSWORD)).hasLoginOk());
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() throws Exception {
        String name = GameClients.uniqueName("Wrong");
        reply(connect(), register(name, PASSWORD));
        assertThat(reply(connect(), login(name, "not the password")).getError().getCode())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(reply(connect(), login(GameClients.uniqueName("Nobody"), PASSWORD)).getError().getCode())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void repeatedFailuresForANameAreThrottledEvenWithTheRightPassword() throws Exception {
        String name = GameClients.uniqueName("Guess");
        reply(connect(), register(name, PASSWORD));
        TavernClient attacker = connect();
        for (int i = 0; i < 3; i++) {
            assertThat(reply(attacker, login(name, "guess" + i)).getError().getCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        }
        Error throttled = reply(attacker, login(name, PASSWORD)).getError();
        assertThat(throttled.getCode()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(throttled.getRetryAfterMs()).isPositive();
    }

    @Test
    void aRegisteredNameCannotBeTakenByAGuestOrRegisteredTwice() throws Exception {
        String name = GameClients.uniqueName("Owned");
        reply(connect(), register(name, PASSWORD));
        assertThat(reply(connect(), Envelope.newBuilder().setLoginGuest(LoginGuest.newBuilder().setName(name.toUpperCase())))
                .getError().getCode()).isEqualTo(ErrorCode.NAME_TAKEN);
        Error twice = reply(connect(), register(name.toLowerCase(), PASSWORD)).getError();
        assertThat(twice.getCode()).isEqualTo(ErrorCode.NAME_TAKEN);
        assertThat(twice.getMessage()).isEqualTo("that name is not available");
    }

    @Test
    void aReservedNameCannotBeRegisteredInAnyCaseOrLookAlike() throws Exception {
        for (String reserved : new String[] {"admin", "SYSTEM", "Adm1n", "SeRvEr", "sys_tem"}) {
            Error refused = reply(connect(), register(reserved, PASSWORD)).getError();
            assertThat(refused.getCode()).as(reserved).isEqualTo(ErrorCode.NAME_TAKEN);
            assertThat(refused.getMessage()).as(reserved).isEqualTo("that name is not available");
        }
    }

    @Test
    void twentyParallelLoginsForOneNameGetNoMoreGuessesThanTheLimit() throws Exception {
        String name = GameClients.uniqueName("Target");
        reply(connect(), register(name, PASSWORD));
        List<TavernClient> attackers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attackers.add(connect());
        }
        double checkedBefore = counted("failed") + counted("succeeded");
        double hashesBefore = registry.get("tavern.hash.task.duration").timer().count();

        // All twenty requests are on the wire before the first answer: the server sees them at once.
        List<CompletableFuture<Envelope>> replies = attackers.stream()
                .map(attacker -> attacker.request(login(name, "guess " + attacker.localAddress().getPort())))
                .toList();
        List<Error> errors = new ArrayList<>();
        for (CompletableFuture<Envelope> reply : replies) {
            errors.add(reply.get(30, TimeUnit.SECONDS).getError());
        }

        assertThat(errors).filteredOn(error -> error.getCode() == ErrorCode.INVALID_CREDENTIALS).hasSize(3);
        assertThat(errors).filteredOn(error -> error.getCode() == ErrorCode.TOO_MANY_ATTEMPTS).hasSize(17)
                .allSatisfy(error -> assertThat(error.getRetryAfterMs()).isPositive());
        assertThat(counted("failed") + counted("succeeded") - checkedBefore).as("passwords checked").isEqualTo(3);
        assertThat(registry.get("tavern.hash.task.duration").timer().count() - hashesBefore).as("hashes run")
                .isEqualTo(3);
        Error stillWaiting = reply(connect(), login(name, PASSWORD)).getError();
        assertThat(stillWaiting.getCode()).as("the right password waits too").isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
    }

    private double counted(String outcome) {
        Counter counter = registry.find("tavern.auth.attempts").tags("kind", "login", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aShortPasswordIsAnInvalidArgument() throws Exception {
        assertThat(reply(connect(), register(GameClients.uniqueName("Short"), "1234")).getError().getCode())
                .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aBanDisconnectsTheUserAndBlocksLoginUntilLifted() throws Exception {
        String name = GameClients.uniqueName("Banned");
        TavernClient online = connect();
        reply(online, register(name, PASSWORD));
        GameClients.Player watcher = clients.connect(o -> o);

        moderation.ban(name, Instant.now().plusSeconds(3600), "griefing", "test").get(5, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !online.isOpen());
        assertThat(online.disconnectInfo().reason()).hasToString("BANNED");

        Error refused = reply(connect(), login(name, PASSWORD)).getError();
        assertThat(refused.getCode()).isEqualTo(ErrorCode.BANNED);
        assertThat(refused.getReason()).isEqualTo("griefing");
        assertThat(refused.getUntilMs()).isGreaterThan(System.currentTimeMillis());

        moderation.unban(name, "test").get(5, TimeUnit.SECONDS);
        assertThat(reply(connect(), login(name, PASSWORD)).hasLoginOk()).isTrue();
        watcher.client().close();
    }

    @Test
    void aBannedGuestNameCannotLogInOrJoin() throws Exception {
        String name = GameClients.uniqueName("BadGuest");
        moderation.ban(name, null, "spam", "test").get(5, TimeUnit.SECONDS);
        assertThat(reply(connect(), Envelope.newBuilder().setLoginGuest(LoginGuest.newBuilder().setName(name)))
                .getError().getCode()).isEqualTo(ErrorCode.BANNED);
        moderation.unban(name, "test").get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMutedPlayerCannotChatUntilUnmuted() throws Exception {
        GameClients.Player loud = clients.guest("loud");
        moderation.mute(loud.name(), Instant.now().plusSeconds(600), "shouting", "test").get(5, TimeUnit.SECONDS);
        Error muted = loud.client().sendChat(ChatScope.LOBBY, null, "HELLO").get(5, TimeUnit.SECONDS).getError();
        assertThat(muted.getCode()).isEqualTo(ErrorCode.MUTED);
        assertThat(muted.getReason()).isEqualTo("shouting");
        moderation.unmute(loud.name(), "test").get(5, TimeUnit.SECONDS);
        assertThat(loud.client().sendChat(ChatScope.LOBBY, null, "hello").get(5, TimeUnit.SECONDS).hasAck()).isTrue();
    }

    @Test
    void aPlayerBannedWhileInTheLobbyCannotJoinARoomEvenBeforeTheDisconnectLands() throws Exception {
        GameClients.Player host = clients.guest("host");
        String room = GameClients.uniqueName("Hall");
        host.client().createRoom(CreateRoom.newBuilder().setName(room).build()).get(5, TimeUnit.SECONDS);
        GameClients.Player player = clients.guest("joiner");
        moderation.ban(player.name(), null, "cheating", "test").get(5, TimeUnit.SECONDS);
        Envelope reply = player.client().request(Envelope.newBuilder()
                .setJoinRoom(JoinRoom.newBuilder().setRoom(room))).handle((r, e) -> r).get(5, TimeUnit.SECONDS);
        // Either the join is refused as BANNED or the ban's disconnect came first.
        assertThat(reply == null || reply.getError().getCode() == ErrorCode.BANNED).isTrue();
        moderation.unban(player.name(), "test").get(5, TimeUnit.SECONDS);
    }
}
