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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two players in the lobby who chat with each other at a steady pace, within the chat rate limit,
 * while a test makes trouble elsewhere. {@link #stopAndVerify} then checks what "unaffected" means
 * for them: every line they sent was acked, none refused, and each reached the other one, in order, with
 * both still connected. How long the acks took is logged, not asserted: on a shared two-core machine it
 * measures the machine's load as much as the server (latency under trouble is for the benchmarks).
 */
final class Bystanders implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Bystanders.class);

    /**
     * Each sends one line per period: 2 a second, under the default 5 a second with a burst of 10, so that
     * lines the network or a busy machine delivers bunched together still pass, unless they were held back
     * for five seconds.
     */
    static final Duration PERIOD = Duration.ofMillis(500);

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

    /**
     * Starts chatting, one line each per {@link #PERIOD}. With a fixed delay, not a fixed rate: a pacer that
     * fell behind (a loaded machine) must not catch up in a burst past the rate limit.
     */
    void start() {
        lines.clear();
        chatting = pacer.scheduleWithFixedDelay(() -> {
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
     * Stops chatting, then asserts that every line was acked and that each reached the other player, in
     * the order it was sent.
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
        log.info("{} bystander lines, all acked; the slowest ack took {}", lines.size(), Duration.ofNanos(slowest));
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
