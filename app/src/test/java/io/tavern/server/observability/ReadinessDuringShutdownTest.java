package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.server.admin.AdminHttp;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import tools.jackson.databind.JsonNode;

/**
 * A graceful shutdown with a player whose Goodbye cannot leave (it stopped reading, and its socket buffers
 * are full), so the game port drains while the HTTP port still answers: readiness must say DOWN all that
 * time, so that no load balancer sends anyone here.
 *
 * <p>The drain time is far longer than the test: the drain lasts until the test lets the stalled player read
 * again, so what readiness says is checked while the drain is known to be under way, not at moments a fixed
 * drain time happens to cover. Readiness may go DOWN a little before the game port does (Spring announces
 * {@code REFUSING_TRAFFIC} as the shutdown begins, before the game port stops accepting), never after it.
 */
class ReadinessDuringShutdownTest {

    static final Duration DRAIN = Duration.ofMinutes(5);
    static final Duration PROBE_PERIOD = Duration.ofMillis(50);

    /** What one readiness poll saw. */
    record Observation(int status, String gamePort) {

        boolean down() {
            return status == 503;
        }
    }

    @Test
    void readinessIsDownWhileTheGamePortDrainsSessionsOnShutdown() throws Exception {
        RunningServer server = RunningServer.start("tavern.admin.token=" + AdminHttp.TOKEN,
                "tavern.chat.rate-limit.per-second=0", "tavern.net.socket-send-buffer=8KB",
                "tavern.shutdown.network-drain=" + DRAIN.toMillis() + "ms");
        int httpPort = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
        List<ReadinessState> announced = new CopyOnWriteArrayList<>();
        server.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
            if (event.getState() instanceof ReadinessState state) {
                announced.add(state);
            }
        });
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("readiness-probe", true));
        try (GameClients clients = new GameClients(server.port())) {
            Player stalled = clients.guest("stalled", o -> o.receiveBufferBytes(4096).heartbeat(false));
            stalled.client().setReading(false);
            Player talker = clients.guest("talker");
            String line = "x".repeat(400);
            for (int i = 0; i < 300; i++) {
                talker.client().sendChat(ChatScope.LOBBY, null, line).get(5, TimeUnit.SECONDS);
            }
            Session backlogged = server.bean(SessionRegistry.class).byName(stalled.name()).orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> backlogged.sendQueue().queuedBytes() > 0);

            AdminHttp probe = AdminHttp.withToken(httpPort);
            assertThat(observe(probe)).isEqualTo(new Observation(200, "UP"));
            // A load balancer's probe, every PROBE_PERIOD until the HTTP port closes (an exception ends it).
            List<Observation> seen = new CopyOnWriteArrayList<>();
            ScheduledFuture<?> probing = prober.scheduleWithFixedDelay(() -> seen.add(observe(probe)),
                    0, PROBE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);

            Awaitility.await("readiness DOWN with the game port DOWN").atMost(Duration.ofSeconds(30))
                    .until(() -> seen.stream().anyMatch(o -> o.down() && o.gamePort().equals("DOWN")));
            int firstGamePortDown = indexOf(seen, new Observation(503, "DOWN"));
            Awaitility.await("three more probes during the drain").atMost(Duration.ofSeconds(30))
                    .until(() -> seen.size() >= firstGamePortDown + 4);
            assertThat(backlogged.channel().isActive()).as("the stalled session is still draining").isTrue();
            assertThat(shutdown).as("the shutdown waits for the drain").isNotDone();

            stalled.client().setReading(true); // the backlog and the Goodbye can leave now: the drain ends
            assertThat(stalled.inbox().awaitClosed(Duration.ofSeconds(30)).reason())
                    .isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
            shutdown.get(60, TimeUnit.SECONDS);
            Awaitility.await("the probe ends with the HTTP port").atMost(Duration.ofSeconds(30)).until(probing::isDone);

            assertThat(seen.subList(firstGamePortDown, seen.size())).as("readiness from the game port's stop on")
                    .hasSizeGreaterThanOrEqualTo(4)
                    .allMatch(Observation::down);
            int firstDown = seen.indexOf(seen.stream().filter(Observation::down).findFirst().orElseThrow());
            assertThat(seen.subList(firstDown, seen.size())).as("never UP again once DOWN").allMatch(Observation::down);
            assertThat(seen).as("the game port never reported DOWN while readiness said UP")
                    .noneMatch(o -> !o.down() && o.gamePort().equals("DOWN"));
            assertThat(announced).contains(ReadinessState.REFUSING_TRAFFIC);
        } finally {
            prober.shutdownNow();
            server.close();
        }
    }

    private static int indexOf(List<Observation> seen, Observation wanted) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).equals(wanted)) {
                return i;
            }
        }
        throw new AssertionError(wanted + " not among " + seen);
    }

    /** One readiness poll; throws {@link UncheckedIOException} once the HTTP port is closed. */
    private static Observation observe(AdminHttp probe) {
        AdminHttp.Reply reply = probe.get("/actuator/health/readiness");
        JsonNode gamePort = reply.json().path("components").path("gamePort").path("status");
        return new Observation(reply.status(), gamePort.asString());
    }
}
