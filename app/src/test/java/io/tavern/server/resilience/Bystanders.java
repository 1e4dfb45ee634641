package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two players in the lobby who chat with each other at a steady pace, within the chat rate limit,
 * while a test makes trouble elsewhere. {@link #stopAndVerify} then checks what "unaffected" means
 * for them: every line they sent was acked, promptly, and reached the other one, in order.
 */
final class Bystanders implements AutoCloseable {

    /** Each sends one line per period: 4 a second, under the default 5 a second. */
    static final Duration PERIOD = Duration.ofMillis(250);

    /** An ack slower than this means the trouble elsewhere did reach the bystanders. */
    static final Duration MAX_ACK_DELAY = Duration.ofSeconds(5);

    private record Line(Player from, Player to, String text, long sentNanos, CompletableFuture<Long> ackNanos,
                        CompletableFuture<Envelope> reply) {
    }

    private final Player first;
    private final Player second;
    private final ScheduledExecutorService pacer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("bystander-pacer", true));
    private final List<Line> lines = new ArrayList<>(); // pacer thread while running, then the test thread
    private ScheduledFuture<?> chatting;
    private int sequence;
    private int verifiedLines;

    private Bystanders(Player first, Player second) {
        this.first = first;
        this.second = second;
    }

    static Bystanders inLobby(GameClients clients) throws Exception {
        return new Bystanders(clients.guest("calm"), clients.guest("quiet"));
    }

    /** Starts chatting, one line each per {@link #PERIOD}. */
    void start() {
        lines.clear();
        chatting = pacer.scheduleAtFixedRate(() -> {
            say(first, second);
            say(second, first);
        }, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void say(Player from, Player to) {
        String text = from.name() + " to " + to.name() + " #" + (++sequence);
        long sent = System.nanoTime();
        CompletableFuture<Long> acked = new CompletableFuture<>();
        CompletableFuture<Envelope> reply = from.client().sendChat(ChatScope.LOBBY, null, text);
        reply.whenComplete((envelope, failure) -> acked.complete(System.nanoTime()));
        lines.add(new Line(from, to, text, sent, acked, reply));
    }

    /**
     * Stops chatting, then asserts that every line was acked within {@link #MAX_ACK_DELAY} and that each
     * reached the other player, in the order it was sent.
     *
     * @return how many lines were sent and checked
     */
    int stopAndVerify() throws Exception {
        chatting.cancel(false);
        pacer.submit(() -> { }).get(10, TimeUnit.SECONDS); // a tick in progress has finished
        assertThat(lines).as("the bystanders chatted").isNotEmpty();
        long slowest = 0;
        for (Line line : lines) {
            Envelope reply = line.reply().get(30, TimeUnit.SECONDS);
            assertThat(reply.hasAck()).as("reply to %s: %s", line.text(), reply).isTrue();
            slowest = Math.max(slowest, line.ackNanos().get() - line.sentNanos());
        }
        assertThat(Duration.ofNanos(slowest)).as("slowest bystander ack").isLessThan(MAX_ACK_DELAY);
        for (Line line : lines) {
            String text = line.text();
            // Inbox.await skips what does not match, so a line that overtook an earlier one fails here.
            line.to().inbox().await(e -> e.hasChatMessage() && e.getChatMessage().getText().equals(text)
                    && e.getChatMessage().getFrom().equals(line.from().name()), Duration.ofSeconds(10));
        }
        assertThat(first.client().isOpen()).isTrue();
        assertThat(second.client().isOpen()).isTrue();
        verifiedLines += lines.size();
        return lines.size();
    }

    int verifiedLines() {
        return verifiedLines;
    }

    @Override
    public void close() {
        pacer.shutdownNow();
    }
}
