package io.tavern.server.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Over real sockets: what one player sends reaches the others without anything that could reorder, hide or
 * inject (a right-to-left override, a zero-width joiner, an escape sequence), and no room name passes for
 * another.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class SpoofingAndInjectionTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();
    Player alice;
    Player bob;

    @BeforeEach
    void twoPlayers() throws Exception {
        alice = clients.guest("alice");
        bob = clients.guest("bob");
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    /** What {@code bob} reads of a lobby line {@code alice} sends. */
    private String deliveredToBob(String sent) throws Exception {
        assertThat(get(alice.client().sendChat(ChatScope.LOBBY, null, sent)).hasAck()).isTrue();
        ChatMessage received = bob.inbox().await(e -> e.hasChatMessage()
                && e.getChatMessage().getFrom().equals(alice.name()), WAIT).getChatMessage();
        return received.getText();
    }

    @Test
    void aRightToLeftOverrideInChatReachesNobody() throws Exception {
        // "invoice_exe.txt" would show as "invoice_txt.exe" with the override in place.
        assertThat(deliveredToBob("invoice_\u202Etxt.exe")).isEqualTo("invoice_txt.exe");
    }

    @Test
    void aZeroWidthJoinerBetweenLettersReachesNobodyButOneInAnEmojiDoes() throws Exception {
        assertThat(deliveredToBob("b\u200Dad \u2066w\u2069or\u200Bd")).isEqualTo("bad word");
        String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB";
        assertThat(deliveredToBob("gg " + technologist)).isEqualTo("gg " + technologist);
    }

    @Test
    void aKickReasonWithAnEscapeSequenceReachesTheKickedAndTheRoomWithoutIt() throws Exception {
        Player carol = clients.guest("carol");
        String room = GameClients.uniqueName("Den");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(room).build()));
        get(bob.client().joinRoom(room, null));
        get(carol.client().joinRoom(room, null));

        get(alice.client().kick(bob.name(), "\u001B[2J\u001B]0;pwned\u0007 bye\u202E"));

        Envelope kicked = bob.inbox().await(Envelope::hasKicked, WAIT);
        assertThat(kicked.getKicked().getReason()).isEqualTo("[2J]0;pwned bye");
        Envelope told = carol.inbox().await(e -> e.hasRoomEvent()
                && e.getRoomEvent().getType() == RoomEventType.MEMBER_KICKED, WAIT);
        assertThat(told.getRoomEvent().getReason()).isEqualTo("[2J]0;pwned bye");
    }

    @Test
    void aRoomNameMixingLatinAndCyrillicIsRefused() throws Exception {
        Error refused = GameClients.errorOf(alice.client().createRoom(CreateRoom.newBuilder().setName("\u0420aris "
                + GameClients.uniqueName("")).build()));

        assertThat(refused.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(refused.getMessage()).contains("mixes Latin and Cyrillic letters");
        assertThat(get(alice.client().createRoom(CreateRoom.newBuilder().setName("Москва " + GameClients.uniqueName(""))
                .build())).getRoom().getName()).startsWith("Москва");
    }

    @Test
    void aRoomNameThatOnlyLooksLikeAnOpenOneIsThatOne() throws Exception {
        String cafe = "Caf\u00E9 " + GameClients.uniqueName("");
        get(alice.client().createRoom(CreateRoom.newBuilder().setName(cafe).build()));

        String decomposed = cafe.replace("\u00E9", "e\u0301");
        String withInvisibles = "\u200B" + cafe.replace(" ", "\u2060 ") + "\u202E";

        assertThat(GameClients.errorOf(bob.client().createRoom(CreateRoom.newBuilder().setName(decomposed).build())).getCode())
                .isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
        assertThat(GameClients.errorOf(bob.client().createRoom(CreateRoom.newBuilder().setName(withInvisibles).build())).getCode())
                .isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
        assertThat(GameClients.errorOf(bob.client().createRoom(CreateRoom.newBuilder().setName("\u3164\u3164\u3164").build()))
                .getCode()).as("a name of Hangul fillers is blank").isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void roomMetadataArrivesCleaned() throws Exception {
        RoomDetails created = get(alice.client().createRoom(CreateRoom.newBuilder()
                .setName(GameClients.uniqueName("Meta"))
                .putMetadata("map\u200B", "de\u202Edust\u001B[31m")
                .putMetadata("mode", " ranked ")
                .build()));

        assertThat(created.getRoom().getMetadataMap()).isEqualTo(Map.of("map", "dedust[31m", "mode", "ranked"));
        assertThat(GameClients.errorOf(bob.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Twice"))
                .putMetadata("map", "a").putMetadata("m\u200Bap", "b").build())).getMessage())
                .contains("metadata key 'map' is given twice");
    }
}
