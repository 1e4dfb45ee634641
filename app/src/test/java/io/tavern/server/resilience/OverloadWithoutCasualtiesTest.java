package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.server.chat.ChatAdmission;
import io.tavern.server.net.TavernServer;
import io.tavern.server.session.OutboundBudget;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 12 item 6 and issue 14 item 5, scaled down: an audience the server cannot keep up with gets
 * its new chat refused (SERVER_BUSY with a retry hint) before anyone's queue overflows, and clients that
 * never read cannot hold more than the server's outbound budget, while those that read lose nothing.
 */
@SpringBootTest(properties = {
        "tavern.net.port=0", "server.port=0",
        "tavern.chat.rate-limit.per-second=0",
        "tavern.rooms.max-capacity=200",
        "tavern.net.send-queue-limit=1MB",
        "tavern.net.outbound-budget=4MB",
        "tavern.net.socket-send-buffer=8KB",
        "tavern.net.goodbye-grace=200ms",
        "tavern.chat.admission.member-backlog=4KB",
        "tavern.chat.admission.retry-after=200ms"})
class OverloadWithoutCasualtiesTest {

    @Autowired
    TavernServer server;

    @Autowired
    SessionRegistry registry;

    @Autowired
    SendStats sendStats;

    @Autowired
    OutboundBudget budget;

    @Autowired
    ChatAdmission admission;

    GameClients clients;

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    @org.junit.jupiter.api.Disabled("does not reproduce the overload: 5 000 lines of 400 B reach 120 listeners told to stop"
            + " reading (TavernClient.setReading(false)) with no member closed and backlogs steady at 5-6 KB, so the"
            + " listeners go on reading; it failed alike on the branch that wrote it. To be rewritten with listeners"
            + " that never read (raw sockets); until then the room's shedding is not shown by a test")
    void aRoomTooFarBehindRefusesNewChatWithARetryHintAndDisconnectsNoOne() throws Exception {
        clients = new GameClients(server.port());
        Player speaker = clients.guest("speaker");
        String room = GameClients.uniqueName("crowd");
        speaker.client().createRoom(CreateRoom.newBuilder().setName(room).setCapacity(200).build()).get(10, TimeUnit.SECONDS);
        List<Player> audience = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Player member = clients.guest("listener", o -> o.receiveBufferBytes(4096).heartbeat(false));
            member.client().joinRoom(room, null).get(10, TimeUnit.SECONDS);
            audience.add(member);
        }
        long slowClosesBefore = sendStats.slowConsumerCloses();
        long budgetClosesBefore = budget.sessionsClosed();
        // The audience falls behind: it reads nothing for now, as if the server could not write to it.
        audience.forEach(member -> member.client().setReading(false));

        String line = "x".repeat(400);
        int accepted = 0;
        Error refusal = null;
        while (refusal == null && accepted < 5_000) {
            try {
                speaker.client().sendChat(ChatScope.ROOM, null, accepted + " " + line).get(10, TimeUnit.SECONDS);
                accepted++;
            } catch (ExecutionException e) {
                refusal = ((ServerErrorException) e.getCause()).error();
            }
        }

        assertThat(refusal).as("refused within %d lines; backlogs %s", accepted, audience.stream().limit(20)
                .map(member -> registry.byName(member.name()).map(x -> x.sendQueue().queuedBytes() + "/" + x.isOpen())
                        .orElse("gone")).toList()).isNotNull();
        assertThat(refusal.getCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(refusal.getRetryAfterMs()).isPositive();
        assertThat(admission.refused()).isPositive();
        // Refused long before any member's queue reached its limit: no one was closed.
        for (Player member : audience) {
            Session session = registry.byName(member.name()).orElseThrow();
            assertThat(session.isOpen()).isTrue();
            assertThat(session.sendQueue().queuedBytes()).isLessThan(session.sendQueue().limitBytes() / 4);
        }
        assertThat(sendStats.slowConsumerCloses()).isEqualTo(slowClosesBefore);
        assertThat(budget.sessionsClosed()).isEqualTo(budgetClosesBefore);

        // The audience catches up: every accepted line arrives, and chat is taken again.
        audience.forEach(member -> member.client().setReading(true));
        for (Player member : audience) {
            assertThat(member.inbox().awaitChats(accepted, Duration.ofSeconds(30))).hasSize(accepted);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(refusal.getRetryAfterMs()))
                .until(() -> chatAccepted(speaker, "caught up"));
        assertThat(audience).allSatisfy(member -> assertThat(member.client().isOpen()).isTrue());
    }

    @Test
    void clientsThatNeverReadCannotHoldMoreThanTheBudgetAndTheReadersLoseNothing() throws Exception {
        clients = new GameClients(server.port());
        // Readers log in first; the sample the lobby's admission reads is spread over everyone anyway.
        List<Player> readers = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            readers.add(clients.guest("reader"));
        }
        List<Session> stalled = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Player never = clients.guest("stalled", o -> o.receiveBufferBytes(4096).heartbeat(false));
            never.client().setReading(false);
            stalled.add(registry.byName(never.name()).orElseThrow());
        }
        long budgetClosesBefore = budget.sessionsClosed();
        AtomicLong maxHeld = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> maxHeld.accumulateAndGet(budget.heldBytes(), Math::max), 0, 1, TimeUnit.MILLISECONDS);

        // Six stalled clients could hold 6 MB under their own 1 MB limits: more than the 4 MB budget.
        List<Player> chatters = readers.subList(0, 4);
        String line = "y".repeat(480);
        int rounds = 600;
        int accepted = 0;
        try {
            for (int n = 0; n < rounds; n++) {
                List<CompletableFuture<Envelope>> replies = new ArrayList<>();
                for (Player chatter : chatters) {
                    replies.add(chatter.client().sendChat(ChatScope.LOBBY, null, n + " " + line));
                }
                for (CompletableFuture<Envelope> reply : replies) {
                    if (accepted(reply)) {
                        accepted++;
                    }
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> stalled.stream().noneMatch(Session::isOpen));
        } finally {
            sampler.shutdownNow();
        }

        assertThat(budget.sessionsClosed() - budgetClosesBefore).isPositive();
        assertThat(stalled).allSatisfy(session -> assertThat(session.closeReason()).isEqualTo(Goodbye.Reason.SLOW_CONSUMER));
        // Over the budget only by what was in flight while the biggest holders were being closed.
        assertThat(maxHeld.get()).isLessThanOrEqualTo(budget.limitBytes() + budget.limitBytes() / 4);
        for (Player reader : readers) {
            assertThat(reader.inbox().awaitChats(accepted, Duration.ofSeconds(30))).hasSize(accepted);
            assertThat(reader.client().isOpen()).isTrue();
        }
    }

    /** True when acked; false when refused as busy (a client would retry later); fails on anything else. */
    private static boolean accepted(CompletableFuture<Envelope> reply) throws Exception {
        try {
            return reply.get(20, TimeUnit.SECONDS).hasAck();
        } catch (ExecutionException e) {
            Error error = ((ServerErrorException) e.getCause()).error();
            assertThat(error.getCode()).isEqualTo(ErrorCode.SERVER_BUSY);
            return false;
        }
    }

    private static boolean chatAccepted(Player speaker, String text) throws Exception {
        return accepted(speaker.client().sendChat(ChatScope.ROOM, null, text));
    }
}
