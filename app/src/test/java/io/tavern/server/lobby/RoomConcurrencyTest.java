package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.chat.rate-limit.per-second=0"})
class RoomConcurrencyTest {

    @Autowired
    TavernServer server;

    @Autowired
    LogicExecutor logic;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @AfterEach
    void close() {
        assertThat(logic.stats().tasksFailed()).isZero();
    }

    @Test
    void twoHundredPlayersRacingForEightSeatsExactlyEightGetIn() throws Exception {
        String name = GameClients.uniqueName("Race");
        Player creator = clients.guest("host");
        creator.client().createRoom(CreateRoom.newBuilder().setName(name).setCapacity(8).build()).get(5, TimeUnit.SECONDS);
        creator.client().leaveRoom().get(5, TimeUnit.SECONDS); // empty, kept open for the grace period

        List<Player> racers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            racers.add(clients.guest("racer"));
        }
        List<CompletableFuture<RoomDetails>> attempts = racers.stream()
                .map(p -> p.client().joinRoom(name, null)).toList();

        int joined = 0;
        Map<ErrorCode, Long> refused = new java.util.EnumMap<>(ErrorCode.class);
        for (CompletableFuture<RoomDetails> attempt : attempts) {
            try {
                RoomDetails details = attempt.get(20, TimeUnit.SECONDS);
                assertThat(details.getMembersCount()).isBetween(1, 8);
                joined++;
            } catch (ExecutionException e) {
                refused.merge(((ServerErrorException) e.getCause()).code(), 1L, Long::sum);
            }
        }
        assertThat(joined).isEqualTo(8);
        assertThat(refused).containsExactly(Map.entry(ErrorCode.ROOM_FULL, 192L));
    }

    @Test
    void tenSendersInARoomEveryoneSeesEachSendersOrderAndTheSameTotalOrder() throws Exception {
        String name = GameClients.uniqueName("Order");
        List<Player> members = new ArrayList<>();
        Player owner = clients.guest("owner");
        owner.client().createRoom(CreateRoom.newBuilder().setName(name).setCapacity(12).build()).get(5, TimeUnit.SECONDS);
        members.add(owner);
        for (int i = 0; i < 10; i++) {
            Player p = clients.guest("member");
            p.client().joinRoom(name, null).get(5, TimeUnit.SECONDS);
            members.add(p);
        }
        List<Player> senders = members.subList(1, 11);
        int perSender = 50;
        List<CompletableFuture<Envelope>> acks = new ArrayList<>();
        for (int n = 0; n < perSender; n++) {
            for (Player sender : senders) {
                acks.add(sender.client().sendChat(ChatScope.ROOM, null, sender.name() + "#" + n));
            }
        }
        for (CompletableFuture<Envelope> ack : acks) {
            assertThat(ack.get(10, TimeUnit.SECONDS).hasAck()).isTrue();
        }

        int total = senders.size() * perSender;
        List<String> reference = null;
        for (Player member : members) {
            List<ChatMessage> got = member.inbox().awaitChats(total, Duration.ofSeconds(10));
            Map<String, List<String>> bySender = got.stream().collect(Collectors.groupingBy(ChatMessage::getFrom,
                    Collectors.mapping(ChatMessage::getText, Collectors.toList())));
            for (Player sender : senders) {
                assertThat(bySender.get(sender.name())).containsExactlyElementsOf(
                        IntStream.range(0, perSender).mapToObj(n -> sender.name() + "#" + n).toList());
            }
            List<String> order = got.stream().map(m -> m.getId() + ":" + m.getText()).toList();
            if (reference == null) {
                reference = order;
            } else {
                assertThat(order).isEqualTo(reference);
            }
        }
    }
}
