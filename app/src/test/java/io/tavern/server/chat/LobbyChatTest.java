package io.tavern.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class LobbyChatTest {

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @Test
    void twentyClientsEachReceiveEveryLobbyMessageExactlyOnceAndInEachSendersOrder() throws Exception {
        int players = 20;
        int perSender = 10; // within the default burst, so the rate limit does not interfere
        List<Player> lobby = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            lobby.add(clients.guest("lobby"));
        }

        List<CompletableFuture<Envelope>> acks = new ArrayList<>();
        for (int n = 0; n < perSender; n++) {
            for (Player sender : lobby) {
                acks.add(sender.client().sendChat(ChatScope.LOBBY, null, sender.name() + ":" + n));
            }
        }
        for (CompletableFuture<Envelope> ack : acks) {
            assertThat(ack.get(10, TimeUnit.SECONDS).hasAck()).isTrue();
        }

        Set<String> names = lobby.stream().map(Player::name).collect(Collectors.toSet());
        List<Long> firstOrder = null;
        for (Player receiver : lobby) {
            List<ChatMessage> received = receiver.inbox().awaitChats(players * perSender, Duration.ofSeconds(10));
            assertThat(received).allSatisfy(m -> {
                assertThat(m.getScope()).isEqualTo(ChatScope.LOBBY);
                assertThat(names).contains(m.getFrom());
            });
            assertThat(new HashSet<>(received.stream().map(ChatMessage::getId).toList())).hasSize(players * perSender);
            Map<String, List<String>> bySender = received.stream().collect(Collectors.groupingBy(
                    ChatMessage::getFrom, Collectors.mapping(ChatMessage::getText, Collectors.toList())));
            bySender.forEach((sender, texts) -> assertThat(texts)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, perSender)
                            .mapToObj(n -> sender + ":" + n).toList()));
            List<Long> order = received.stream().map(ChatMessage::getId).toList();
            assertThat(order).isSorted();
            if (firstOrder == null) {
                firstOrder = order;
            } else {
                assertThat(order).as("every member sees the same total order").isEqualTo(firstOrder);
            }
        }
        // A marker sent last comes next for everyone: nothing was delivered twice. (A newcomer sends it:
        // the twenty have spent their rate-limit burst.)
        Player late = clients.guest("late");
        assertThat(late.client().sendChat(ChatScope.LOBBY, null, "marker").get(5, TimeUnit.SECONDS).hasAck()).isTrue();
        for (Player receiver : lobby) {
            assertThat(receiver.inbox().awaitChats(1, Duration.ofSeconds(5)).get(0).getText()).isEqualTo("marker");
        }
    }

    @Test
    void aMessageCarriesTheServersIdSenderTimestampAndCleanedText() throws Exception {
        Player alice = clients.guest("alice");
        long before = System.currentTimeMillis();
        alice.client().sendChat(ChatScope.LOBBY, null, "  hi\u0007 there\u0000 ").get(5, TimeUnit.SECONDS);
        ChatMessage message = alice.inbox().awaitChats(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.getText()).isEqualTo("hi there");
        assertThat(message.getFrom()).isEqualTo(alice.name());
        assertThat(message.getId()).isPositive();
        assertThat(message.getSentAtMs()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void anEmptyOrOverlongMessageIsRefusedWithItsCode() throws Exception {
        Player bob = clients.guest("bob");
        assertThat(bob.client().sendChat(ChatScope.LOBBY, null, " \u0001 ").get(5, TimeUnit.SECONDS)
                .getError().getCode()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(bob.client().sendChat(ChatScope.LOBBY, null, "x".repeat(501)).get(5, TimeUnit.SECONDS)
                .getError().getCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
        assertThat(bob.client().sendChat(ChatScope.LOBBY, null, "x".repeat(500)).get(5, TimeUnit.SECONDS)
                .hasAck()).isTrue();
    }

    @Test
    void sendingFasterThanTheRateLimitIsRefusedWithRetryAfter() throws Exception {
        Player flooder = clients.guest("flood");
        List<CompletableFuture<Envelope>> replies = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            replies.add(flooder.client().sendChat(ChatScope.LOBBY, null, "spam " + i));
        }
        long acked = 0;
        long limited = 0;
        for (CompletableFuture<Envelope> reply : replies) {
            Envelope envelope = reply.get(5, TimeUnit.SECONDS);
            if (envelope.hasAck()) {
                acked++;
            } else {
                assertThat(envelope.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(envelope.getError().getRetryAfterMs()).isPositive();
                limited++;
            }
        }
        // The burst of 10, plus at most what refilled at 5/s while the 30 were being answered.
        long refilled = (System.nanoTime() - started) * 5 / 1_000_000_000L + 1;
        assertThat(acked).isBetween(10L, 10L + refilled);
        assertThat(limited).isEqualTo(30 - acked).isPositive();
    }

    @Test
    void aWhisperReachesOnlyItsRecipientAndTheSender() throws Exception {
        Player carol = clients.guest("carol");
        Player dave = clients.guest("dave");
        Player eve = clients.guest("eve");
        carol.client().sendChat(ChatScope.WHISPER, dave.name(), "psst").get(5, TimeUnit.SECONDS);
        ChatMessage got = dave.inbox().awaitChats(1, Duration.ofSeconds(5)).get(0);
        assertThat(got.getScope()).isEqualTo(ChatScope.WHISPER);
        assertThat(got.getFrom()).isEqualTo(carol.name());
        assertThat(got.getTo()).isEqualTo(dave.name());
        assertThat(carol.inbox().awaitChats(1, Duration.ofSeconds(5)).get(0).getText()).isEqualTo("psst");
        eve.client().sendChat(ChatScope.LOBBY, null, "marker").get(5, TimeUnit.SECONDS);
        assertThat(eve.inbox().awaitChats(1, Duration.ofSeconds(5)).get(0).getText()).isEqualTo("marker");
    }

    @Test
    void aWhisperToSomeoneOfflineIsUserNotFound() throws Exception {
        Player frank = clients.guest("frank");
        Envelope reply = frank.client().sendChat(ChatScope.WHISPER, "nobody-here", "hello?").get(5, TimeUnit.SECONDS);
        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.USER_NOT_FOUND);
    }
}
