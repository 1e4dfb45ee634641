package io.tavern.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.server.testing.GameClients;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class GuestLoginTest {

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    private TavernClient connect() throws Exception {
        return clients.connect(o -> o).client();
    }

    private static Envelope loginGuest(TavernClient client, String name) throws Exception {
        return client.request(Envelope.newBuilder().setLoginGuest(LoginGuest.newBuilder().setName(name)))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void aGuestLogsInWithANickname() throws Exception {
        String name = GameClients.uniqueName("Alice");
        LoginOk ok = connect().loginGuest(name).get(5, TimeUnit.SECONDS);
        assertThat(ok.getUser()).isEqualTo(name);
        assertThat(ok.getGuest()).isTrue();
    }

    @Test
    void aNameOnlineAlreadyIsTakenWhateverItsCase() throws Exception {
        String name = GameClients.uniqueName("Bob");
        connect().loginGuest(name).get(5, TimeUnit.SECONDS);
        Envelope reply = loginGuest(connect(), name.toUpperCase());
        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.NAME_TAKEN);
    }

    @Test
    void aRegisteredNameAReservedNameAndANameOnlineAreRefusedInTheSameWords() throws Exception {
        String online = GameClients.uniqueName("Here");
        connect().loginGuest(online).get(5, TimeUnit.SECONDS);
        String registered = GameClients.uniqueName("Owner");
        TavernClient owner = connect();
        owner.register(registered, "correct horse").get(10, TimeUnit.SECONDS);
        owner.close();

        Error taken = loginGuest(connect(), online.toLowerCase()).getError();
        Error registeredAsked = loginGuest(connect(), registered.toUpperCase()).getError();
        Error reserved = loginGuest(connect(), "admin").getError();

        assertThat(taken.getCode()).isEqualTo(ErrorCode.NAME_TAKEN);
        assertThat(taken.getMessage()).isEqualTo("that name is not available");
        assertThat(registeredAsked).isEqualTo(taken);
        assertThat(reserved).isEqualTo(taken);
    }

    @Test
    void reservedNamesAreRefusedPlainInCapitalsAndAsLookAlikes() throws Exception {
        TavernClient client = connect();
        for (String name : new String[] {"admin", "system", "server", "ADMIN", "System", "adm1n", "sYsTeM",
                "SERVER", "ad-min", "adrnin"}) {
            assertThat(loginGuest(client, name).getError().getCode()).as(name).isEqualTo(ErrorCode.NAME_TAKEN);
        }
        assertThat(loginGuest(client, "\u0430dmin").getError().getCode()).as("a Cyrillic a: no name at all")
                .isEqualTo(ErrorCode.INVALID_NAME);
    }

    @Test
    void aNameIsFreeAgainWhenItsHolderDisconnects() throws Exception {
        String name = GameClients.uniqueName("Carol");
        TavernClient first = connect();
        first.loginGuest(name).get(5, TimeUnit.SECONDS);
        first.close();
        TavernClient second = connect();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> loginGuest(second, name).hasLoginOk());
    }

    @Test
    void namesOutsideThePolicyAreInvalid() throws Exception {
        TavernClient client = connect();
        for (String bad : new String[] {"", "x", "has space", "a".repeat(25), "semi;colon", "ünïcode"}) {
            assertThat(loginGuest(client, bad).getError().getCode()).as(bad).isEqualTo(ErrorCode.INVALID_NAME);
        }
    }

    @Test
    void aSecondLoginOnTheSameSessionIsRefused() throws Exception {
        TavernClient client = connect();
        client.loginGuest(GameClients.uniqueName("Dan")).get(5, TimeUnit.SECONDS);
        assertThat(loginGuest(client, GameClients.uniqueName("Dan")).getError().getCode())
                .isEqualTo(ErrorCode.ALREADY_LOGGED_IN);
    }

    @Test
    void chatBeforeLoginIsRefusedWithNotLoggedIn() throws Exception {
        Envelope reply = connect().sendChat(ChatScope.LOBBY, null, "hello?").get(5, TimeUnit.SECONDS);
        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.NOT_LOGGED_IN);
    }

    @Test
    void anEnvelopeWithNoBodyIsAnUnknownMessageButTheSessionStaysOpen() throws Exception {
        TavernClient client = connect();
        Envelope reply = client.request(Envelope.newBuilder()).get(5, TimeUnit.SECONDS);
        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE);
        assertThat(client.loginGuest(GameClients.uniqueName("Eve")).get(5, TimeUnit.SECONDS).getGuest()).isTrue();
    }

    @Test
    void aServerOnlyMessageSentByAClientIsAnUnknownMessage() throws Exception {
        TavernClient client = connect();
        Envelope reply = client.request(Envelope.newBuilder()
                .setLoginOk(LoginOk.newBuilder().setUser("root"))).get(5, TimeUnit.SECONDS);
        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE);
    }
}
