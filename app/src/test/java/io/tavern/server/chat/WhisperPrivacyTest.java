package io.tavern.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.History;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, private history is private: whisper history belongs to identities (an account, or one guest
 * session), never to names, which are reused.
 */
class WhisperPrivacyTest {

    @TempDir
    Path dataDir;

    private RunningServer start() {
        return RunningServer.start("tavern.db.embedded-dir=" + dataDir, "tavern.chat.rate-limit.per-second=0");
    }

    private static List<String> whispersWith(Player player, String peer) throws Exception {
        return player.client().history(History.newBuilder().setScope(ChatScope.WHISPER).setPeer(peer).build())
                .get(10, TimeUnit.SECONDS).getMessagesList().stream().map(ChatMessage::getText).toList();
    }

    /** Logs in as {@code name} once the server has let go of its previous holder. */
    private static Player guestNamed(GameClients clients, String name) throws Exception {
        Player player = clients.connect(UnaryOperator.identity());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> player.client().loginGuest(name)
                .handle((ok, refused) -> refused == null).get(10, TimeUnit.SECONDS));
        return new Player(name, player.client(), player.inbox());
    }

    @Test
    void aGuestWhoTakesANameLaterReadsNoneOfTheWhispersOfTheGuestWhoHadItBefore() throws Exception {
        try (RunningServer server = start(); GameClients clients = new GameClients(server.port())) {
            Player wa = clients.guest("wa");
            Player wb = clients.guest("wb");
            wa.client().sendChat(ChatScope.WHISPER, wb.name(), "for wb's eyes only").get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> whispersWith(wb, wa.name()).size() == 1);
            wa.client().close();
            wb.client().close();

            Player newWb = guestNamed(clients, wb.name());
            Player newWa = guestNamed(clients, wa.name());

            assertThat(whispersWith(newWb, wa.name())).as("the new wb, paging its whispers with wa").isEmpty();
            assertThat(whispersWith(newWa, wb.name())).as("the new wa, paging its whispers with wb").isEmpty();
        }
    }

    @Test
    void aRegisteredPlayerReadsItsOwnWhispersInALaterSession() throws Exception {
        String password = "correct horse battery";
        try (RunningServer server = start(); GameClients clients = new GameClients(server.port())) {
            String alice = GameClients.uniqueName("alice");
            String bob = GameClients.uniqueName("bob");
            Player aliceThen = clients.connect(UnaryOperator.identity());
            aliceThen.client().register(alice, password).get(10, TimeUnit.SECONDS);
            Player bobThen = clients.connect(UnaryOperator.identity());
            bobThen.client().register(bob, password).get(10, TimeUnit.SECONDS);
            aliceThen.client().sendChat(ChatScope.WHISPER, bob, "hi bob").get(10, TimeUnit.SECONDS);
            bobThen.client().sendChat(ChatScope.WHISPER, alice, "hi alice").get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> whispersWith(aliceThen, bob).size() == 2);
            aliceThen.client().close();
            bobThen.client().close();

            Player aliceNow = clients.connect(UnaryOperator.identity());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> aliceNow.client().login(alice, password)
                    .handle((ok, refused) -> refused == null).get(10, TimeUnit.SECONDS));

            assertThat(whispersWith(aliceNow, bob)).as("with bob offline").containsExactly("hi alice", "hi bob");
            Player guest = clients.guest("stranger");
            assertThat(whispersWith(guest, bob)).as("a stranger paging bob's whispers").isEmpty();
        }
    }
}
