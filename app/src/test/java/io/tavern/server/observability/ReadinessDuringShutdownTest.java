package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import tools.jackson.databind.JsonNode;

/**
 * A graceful shutdown with a player whose Goodbye cannot leave (it stopped reading, and its socket
 * buffers are full), so the game port drains for the whole drain time while the HTTP port still
 * answers: readiness must say DOWN all that time, so no load balancer sends anyone here.
 */
class ReadinessDuringShutdownTest {

    static final Duration DRAIN = Duration.ofSeconds(3);

    /** What one readiness poll saw. */
    record Observation(int status, String gamePort) {
    }

    @Test
    void readinessIsDownWhileTheGamePortDrainsSessionsOnShutdown() throws Exception {
        RunningServer server = RunningServer.start("tavern.admin.token=" + AdminHttp.TOKEN,
                "tavern.chat.rate-limit.per-second=0", "tavern.net.socket-send-buffer=8KB",
                "tavern.net.shutdown-drain=" + DRAIN.toMillis() + "ms");
        int httpPort = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
        List<ReadinessState> announced = new CopyOnWriteArrayList<>();
        server.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
            if (event.getState() instanceof ReadinessState state) {
                announced.add(state);
            }
        });
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
            List<Observation> seen = new CopyOnWriteArrayList<>();
            Thread poller = new Thread(() -> pollUntilTheHttpPortCloses(probe, seen), "readiness-poller");
            poller.start();

            long started = System.nanoTime();
            server.close();
            long shutdownMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            poller.join(10_000);

            assertThat(shutdownMillis).as("the drain took its whole time").isGreaterThanOrEqualTo(DRAIN.toMillis() - 100);
            List<Observation> down = seen.stream().filter(o -> o.status() == 503).toList();
            assertThat(down).as("readiness polled every 50 ms during a %s drain", DRAIN).hasSizeGreaterThanOrEqualTo(10);
            assertThat(down).allMatch(o -> o.gamePort().equals("DOWN"));
            List<Observation> fromFirstDown = seen.subList(seen.indexOf(down.get(0)), seen.size());
            assertThat(fromFirstDown).as("never UP again once DOWN").noneMatch(o -> o.status() == 200);
            assertThat(announced).contains(ReadinessState.REFUSING_TRAFFIC);
        }
    }

    private static void pollUntilTheHttpPortCloses(AdminHttp probe, List<Observation> seen) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                seen.add(observe(probe));
                Thread.sleep(50);
            } catch (UncheckedIOException httpPortClosed) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Observation observe(AdminHttp probe) {
        AdminHttp.Reply reply = probe.get("/actuator/health/readiness");
        JsonNode gamePort = reply.json().path("components").path("gamePort").path("status");
        return new Observation(reply.status(), gamePort.asString());
    }
}
