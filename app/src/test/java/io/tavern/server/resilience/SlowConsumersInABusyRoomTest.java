package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.tavern.client.ClientListener;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, slow consumers: a busy room of 100, five of whom stop reading. The other 95 keep their
 * delivery latency (p99 within twice that of the same room without stalled readers), lose nothing, and
 * the five are closed as {@code SLOW_CONSUMER}, the server never holding more for any of them than its
 * send-queue limit.
 *
 * <p>The comparison is made within one run and one JVM, and made robust against the noise of a small
 * machine: runs alternate (without, with, without, with), each side keeps the better of its two runs,
 * and a baseline below {@link #LATENCY_FLOOR} counts as that floor, so sub-millisecond jitter cannot
 * fail it. Latency is measured from just before a sender's {@code sendChat} to the receiving client's
 * listener, through the whole server, with an HdrHistogram.
 */
class SlowConsumerLatencyTest {

    private static final Logger log = LoggerFactory.getLogger(SlowConsumerLatencyTest.class);

    static final int ROOM_SIZE = 100;
    static final int STALLED = 5;
    static final int HEALTHY = ROOM_SIZE - STALLED;
    static final int SENDERS = 20;
    static final int MESSAGES_PER_RUN = 300;
    /**
     * One message every 10 ms: 100 a second, 9 500 deliveries a second to the healthy members. Busy, and
     * yet within what two cores deliver with PARANOID leak detection on (it records a stack trace on
     * nearly every buffer operation, in the clients as in the server), so that the latency measured is
     * the server's and not that of a backlog in the test's own clients.
     */
    static final Duration SEND_PERIOD = Duration.ofMillis(10);
    static final long SEND_QUEUE_LIMIT = 256 * 1024;
    static final Duration LATENCY_FLOOR = Duration.ofMillis(5);
    /**
     * 460 four-byte characters, under the 500-character limit: ~1.9 KB frames, so the stalled readers go
     * over 256 KB (plus their socket buffers) within the first ~150 messages of a run.
     */
    static final String PADDING = "\uD83D\uDE00".repeat(460);
    /** A room chat frame of this test (padding, room id and name, sender) is under this. */
    static final long LARGEST_FRAME = 2_048;

    /** Every healthy member's listener: records latency of the current run's messages and counts them. */
    private static final class Deliveries implements ClientListener {
        volatile String run = "";
        volatile Histogram latencyMicros = new ConcurrentHistogram(3);
        final LongAdder delivered = new LongAdder();

        @Override
        public void onEvent(Envelope event) {
            long now = System.nanoTime();
            if (!event.hasChatMessage()) {
                return;
            }
            String[] parts = event.getChatMessage().getText().split(" ", 3);
            if (parts.length == 3 && parts[0].equals(run)) {
                latencyMicros.recordValue(Math.max(0, (now - Long.parseLong(parts[1])) / 1_000));
                delivered.increment();
            }
        }

        @Override
        public void onClosed(DisconnectInfo info) {
        }

        void startRun(String name) {
            latencyMicros = new ConcurrentHistogram(3);
            delivered.reset();
            run = name;
        }
    }

    private record RunResult(String name, Duration p99, Duration max, long delivered) {
    }

    @Test
    void fiveStalledReadersInARoomOfAHundredAreClosedAsSlowConsumersWithinTheirLimitAndTheOthersKeepTheirLatency()
            throws Exception {
        try (RunningServer server = RunningServer.start(
                "tavern.chat.rate-limit.per-second=0",
                "tavern.rooms.max-capacity=" + ROOM_SIZE,
                "tavern.net.send-queue-limit=" + SEND_QUEUE_LIMIT + "B",
                "tavern.net.socket-send-buffer=16KB");
             GameClients stalledClients = new GameClients(server.port())) {
            SessionRegistry registry = server.bean(SessionRegistry.class);
            SendStats sendStats = server.bean(SendStats.class);
            Deliveries deliveries = new Deliveries();
            List<TavernClient> healthy = new ArrayList<>();
            try {
                String room = GameClients.uniqueName("Busy ");
                for (int i = 0; i < HEALTHY; i++) {
                    TavernClient member = TavernClient.connect(stalledClients.options().listener(deliveries).build())
                            .get(10, TimeUnit.SECONDS);
                    healthy.add(member);
                    member.loginGuest(GameClients.uniqueName("member")).get(10, TimeUnit.SECONDS);
                    if (i == 0) {
                        member.createRoom(CreateRoom.newBuilder().setName(room).setCapacity(ROOM_SIZE).build())
                                .get(10, TimeUnit.SECONDS);
                    } else {
                        member.joinRoom(room, null).get(10, TimeUnit.SECONDS);
                    }
                }
                long slowClosesBefore = sendStats.slowConsumerCloses();
                run("warm-up", healthy, deliveries); // the JIT compiles the delivery path: not measured

                List<RunResult> without = new ArrayList<>();
                List<RunResult> with = new ArrayList<>();
                List<Long> maxQueued = new ArrayList<>();
                for (int round = 1; round <= 2; round++) {
                    without.add(run("without-" + round, healthy, deliveries));
                    List<Session> stalled = stallFive(stalledClients, room, registry);
                    AtomicLong peak = new AtomicLong();
                    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                            new DefaultThreadFactory("queue-sampler", true));
                    sampler.scheduleAtFixedRate(() -> stalled.forEach(session ->
                            peak.accumulateAndGet(session.sendQueue().queuedBytes(), Math::max)), 0, 1, TimeUnit.MILLISECONDS);
                    try {
                        with.add(run("with-" + round, healthy, deliveries));
                        Awaitility.await().atMost(Duration.ofSeconds(15))
                                .until(() -> stalled.stream().noneMatch(session -> session.channel().isActive()));
                    } finally {
                        sampler.shutdownNow();
                        sampler.awaitTermination(5, TimeUnit.SECONDS);
                    }
                    maxQueued.add(peak.get());
                    for (Session session : stalled) {
                        assertThat(session.closeReason()).as("%s", session).isEqualTo(Goodbye.Reason.SLOW_CONSUMER);
                        assertThat(session.sendQueue().queuedBytes()).isLessThanOrEqualTo(SEND_QUEUE_LIMIT);
                    }
                    stalledClients.close(); // what they read now ends in the close
                }

                Duration baseline = better(without);
                Duration stalledP99 = better(with);
                Duration allowed = baseline.compareTo(LATENCY_FLOOR) < 0 ? LATENCY_FLOOR.multipliedBy(2) : baseline.multipliedBy(2);
                log.info("p99 without stalled readers {} / with {} (allowed {}); runs {} {}; peak queued bytes {}",
                        baseline, stalledP99, allowed, without, with, maxQueued);
                for (RunResult result : with) {
                    assertThat(result.delivered()).as("deliveries in %s", result.name())
                            .isEqualTo((long) MESSAGES_PER_RUN * HEALTHY);
                }
                assertThat(stalledP99).as("p99 with five stalled readers, against %s without", baseline)
                        .isLessThanOrEqualTo(allowed);
                // The stalled queues did fill up (sampled every millisecond, a message every 10: the last
                // sample before the close is a frame or so short of the top)... and never beyond the limit,
                // but for the frame that tipped one over, counted before the queue saw it was over and
                // closed (two, had the room and the event loop enqueued at the same instant).
                assertThat(maxQueued).allSatisfy(peak -> assertThat(peak)
                        .isGreaterThan(SEND_QUEUE_LIMIT - 8 * LARGEST_FRAME)
                        .isLessThanOrEqualTo(SEND_QUEUE_LIMIT + 2 * LARGEST_FRAME));
                assertThat(sendStats.slowConsumerCloses() - slowClosesBefore).isEqualTo(2L * STALLED);
            } finally {
                healthy.forEach(TavernClient::close);
            }
        }
    }

    /** Five more members join the room, then stop reading: their server sessions. */
    private static List<Session> stallFive(GameClients clients, String room, SessionRegistry registry) throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < STALLED; i++) {
            GameClients.Player player = clients.guest("stalled", o -> o.receiveBufferBytes(4096).heartbeat(false));
            player.client().joinRoom(room, null).get(10, TimeUnit.SECONDS);
            player.client().setReading(false);
            sessions.add(registry.byName(player.name()).orElseThrow());
        }
        return sessions;
    }

    /**
     * {@link #MESSAGES_PER_RUN} messages from {@link #SENDERS} members, one every {@link #SEND_PERIOD}:
     * every one acked, every one delivered to every healthy member.
     */
    private static RunResult run(String name, List<TavernClient> healthy, Deliveries deliveries) throws Exception {
        deliveries.startRun(name);
        List<CompletableFuture<Envelope>> acks = new ArrayList<>(MESSAGES_PER_RUN);
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("pacer", true));
        try {
            ScheduledFuture<?> sending = pacer.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                if (n >= MESSAGES_PER_RUN) {
                    allSent.complete(null);
                    return;
                }
                TavernClient sender = healthy.get(n % SENDERS);
                acks.add(sender.sendChat(ChatScope.ROOM, null, name + " " + System.nanoTime() + " " + n + " " + PADDING));
            }, 0, SEND_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
            allSent.get(60, TimeUnit.SECONDS);
            sending.cancel(false);
        } finally {
            pacer.shutdown();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        }
        for (CompletableFuture<Envelope> ack : acks) {
            assertThat(ack.get(30, TimeUnit.SECONDS).hasAck()).isTrue();
        }
        long expected = (long) MESSAGES_PER_RUN * healthy.size();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.delivered.sum() >= expected);
        Histogram latency = deliveries.latencyMicros;
        return new RunResult(name, Duration.ofNanos(latency.getValueAtPercentile(99) * 1_000),
                Duration.ofNanos(latency.getMaxValue() * 1_000), deliveries.delivered.sum());
    }

    private static Duration better(List<RunResult> runs) {
        return runs.stream().map(RunResult::p99).min(Duration::compareTo).orElseThrow();
    }
}
