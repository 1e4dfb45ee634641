package io.tavern.server.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.Login;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.server.budget.BudgetListener;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.identity.AttemptKind;
import io.tavern.server.identity.AttemptListener;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.net.TavernServer;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RawConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Issue 13, item 4: a request whose handling throws where nobody expected it is answered exactly once,
 * {@code INTERNAL} with a reference, and leaves nothing stuck. The failures are injected through the
 * server's own seams (its chat recorder, its login and attempt listeners), by beans of this test.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.auth.login-attempts.per-name=1"})
@Import({UnexpectedFailuresTest.Sabotage.class, UnexpectedFailuresTest.EventLoopSabotage.class})
class UnexpectedFailuresTest {

    /** Chat that says this fails in the recorder, on the room's (or the lobby's) executor. */
    static final String BOOM = "boom";
    /** Guests named so fail in a login listener, after their name was claimed. */
    static final String DOOMED = "doomed";

    @TestConfiguration
    static class Sabotage {

        @Bean
        @Primary
        ChatRecorder failsOnBoom() {
            return new ChatRecorder() {
                @Override
                public boolean record(ChatMessage message) {
                    if (message.getText().contains(BOOM)) {
                        throw new IllegalStateException("the recorder broke on purpose");
                    }
                    return true;
                }

                @Override
                public boolean recordWhisper(ChatMessage whisper, PlayerIdentity sender, PlayerIdentity recipient) {
                    return true;
                }
            };
        }

        @Bean
        LoginListener failsForTheDoomed() {
            return session -> {
                if (session.user().startsWith(DOOMED)) {
                    throw new IllegalStateException("a login listener broke on purpose");
                }
            };
        }

        /** Fails where a login is refused for too many attempts: inside the request, after the login began. */
        @Bean
        @Primary
        AttemptListener failsOnRefusedLogins() {
            return new AttemptListener() {
                @Override
                public void refused(AttemptKind kind, Limit limit) {
                    if (kind == AttemptKind.LOGIN) {
                        throw new IllegalStateException("the attempt listener broke on purpose");
                    }
                }
            };
        }
    }

    /** Fails where the chat rate limit refuses a line: on the event loop, while the request is admitted. */
    @TestConfiguration
    static class EventLoopSabotage {

        @Bean
        BudgetListener failsOnChatRefusals() {
            return new BudgetListener() {
                @Override
                public void refused(Envelope.BodyCase kind, Limit limit) {
                    if (limit == Limit.CHAT) {
                        throw new IllegalStateException("the budget listener broke on purpose");
                    }
                }
            };
        }
    }

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @Test
    void aRoomTaskThatThrowsAnswersInternalOnceAndTheRoomGoesOn() throws Exception {
        Player owner = clients.guest("owner");
        Player member = clients.guest("member");
        String room = GameClients.uniqueName("Fragile");
        owner.client().createRoom(CreateRoom.newBuilder().setName(room).build()).get(5, TimeUnit.SECONDS);
        member.client().joinRoom(room, null).get(5, TimeUnit.SECONDS);

        Error failed = GameClients.errorOf(owner.client().call(chat(ChatScope.ROOM, BOOM)));
        assertThat(failed.getCode()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failed.getMessage()).matches("internal error, reference [0-9a-f]{8}");

        assertThat(owner.client().call(chat(ChatScope.ROOM, "after")).get(5, TimeUnit.SECONDS).hasAck()).isTrue();
        assertThat(member.inbox().awaitChats(1, Duration.ofSeconds(5))).extracting(ChatMessage::getText)
                .containsExactly("after"); // the failed line reached nobody
        assertThat(owner.client().listMembers().get(5, TimeUnit.SECONDS).getMembersCount()).isEqualTo(2);
    }

    @Test
    void aLobbyTaskThatThrowsAnswersInternalOnce() throws Exception {
        Player talker = clients.guest("talker");

        Error failed = GameClients.errorOf(talker.client().call(chat(ChatScope.LOBBY, BOOM)));
        assertThat(failed.getCode()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(talker.client().call(chat(ChatScope.LOBBY, "after")).get(5, TimeUnit.SECONDS).hasAck()).isTrue();
    }

    @Test
    void aLoginThatThrowsBeforeItClaimsANameCanBeTriedAgain() throws Exception {
        Player player = clients.connect(options -> options);
        String account = GameClients.uniqueName("nobody");
        // One failure blocks the name (per-name = 1); the next attempt is refused, and the refusal throws.
        assertThat(GameClients.errorOf(player.client().call(login(account))).getCode())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        Error failed = GameClients.errorOf(player.client().call(login(account)));
        assertThat(failed.getCode()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failed.getMessage()).contains("reference");

        String name = GameClients.uniqueName("survivor");
        assertThat(player.client().loginGuest(name).get(5, TimeUnit.SECONDS).getUser()).isEqualTo(name);
    }

    @Test
    void aLoginThatThrowsAfterItClaimedItsNameAnswersInternalAndEndsTheSessionWithTheName() throws Exception {
        Player doomed = clients.connect(options -> options);
        String name = GameClients.uniqueName(DOOMED);

        Error failed = GameClients.errorOf(doomed.client().call(Envelope.newBuilder()
                .setLoginGuest(LoginGuest.newBuilder().setName(name))));
        assertThat(failed.getCode()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failed.getMessage()).contains("reference");
        doomed.client().closeFuture().get(5, TimeUnit.SECONDS);

        Player witness = clients.guest("witness");
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(witness.client()
                .listOnlineUsers(ListOnlineUsers.newBuilder().setNameContains(name).build()).get(5, TimeUnit.SECONDS)
                .getUsersList()).extracting(OnlineUser::getUser).isEmpty());
    }

    /**
     * The session handler reads frames and serves them on the event loop, in one step: a failure while serving a
     * well-formed request is the server's, so the session ends as an internal error, never as a malformed frame.
     */
    @Test
    void aFailureWhileTheEventLoopServesARequestEndsTheSessionAsInternalNotAsAMalformedFrame() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello().loginGuest(GameClients.uniqueName("hasty"))) {
            for (int i = 0; i < 20; i++) { // over the chat burst (10): a refusal, and the listener throws
                raw.writeEnvelope(chat(ChatScope.LOBBY, "line " + i).setRequestId(100 + i).build());
            }
            List<Envelope> frames = raw.readUntilClosed();
            assertThat(frames).filteredOn(Envelope::hasError).extracting(frame -> frame.getError().getCode())
                    .contains(ErrorCode.INTERNAL)
                    .doesNotContain(ErrorCode.MALFORMED_FRAME);
            assertThat(frames.get(frames.size() - 1).getGoodbye().getReason()).isEqualTo(Goodbye.Reason.PROTOCOL_ERROR);
        }
    }

    private static Envelope.Builder chat(ChatScope scope, String text) {
        return Envelope.newBuilder().setSendChat(io.tavern.protocol.v1.SendChat.newBuilder().setScope(scope).setText(text));
    }

    private static Envelope.Builder login(String name) {
        return Envelope.newBuilder().setLogin(Login.newBuilder().setName(name).setPassword("wrong-password"));
    }
}
