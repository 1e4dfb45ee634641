package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Ping;
import io.tavern.server.testing.RawConnection;
import io.tavern.server.testing.RunningServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server shut down while its clients are still talking: each client must read {@code
 * Goodbye(SERVER_SHUTDOWN)} before its connection ends. The clients keep sending Pings to the last, so input is
 * still arriving when the server ends a connection; a plain close then would reset it (RST), and
 * a reset destroys the Goodbye still waiting in the client's receive buffer. The Goodbye is followed by a
 * lingering close only if the send queue's ending is in place before the event loop can finish the queue.
 * And the Goodbye must be the last frame: a Pong the event loop queues while the shutdown is queueing the
 * Goodbye must not follow it (it did, once in CI: the client read Goodbye, then Pong). The races are run many
 * times, with many clients each.
 */
class GoodbyeBeforeCloseTest {

    static final int SHUTDOWNS = 5;
    static final int CLIENTS = 10;
    /** Each client pings this often: enough to keep input arriving, not a flood that starves the server. */
    static final Duration PING_PERIOD = Duration.ofMillis(50);

    @Test
    void everyClientStillSendingReadsItsGoodbyeBeforeTheConnectionEndsShutdownAfterShutdown() throws Exception {
        ExecutorService readers = Executors.newCachedThreadPool(new DefaultThreadFactory("goodbye-reader", true));
        ScheduledExecutorService talker = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("goodbye-talker", true));
        try {
            for (int round = 0; round < SHUTDOWNS; round++) {
                assertThat(shutDownWhileClientsTalk(readers, talker)).as("round %d: how each connection ended", round)
                        .hasSize(CLIENTS)
                        .allMatch(last -> last != null && last.hasGoodbye()
                                && last.getGoodbye().getReason() == Goodbye.Reason.SERVER_SHUTDOWN);
            }
        } finally {
            readers.shutdownNow();
            talker.shutdownNow();
        }
    }

    /** The last frame each client read before its connection ended (null: none). */
    private static List<Envelope> shutDownWhileClientsTalk(ExecutorService readers, ScheduledExecutorService talker)
            throws Exception {
        RunningServer server = RunningServer.start();
        List<RawConnection> connections = new ArrayList<>();
        ScheduledFuture<?> talking = null;
        try {
            for (int i = 0; i < CLIENTS; i++) {
                connections.add(new RawConnection(server.port()).hello());
            }
            List<Future<Envelope>> lastFrames = new ArrayList<>();
            for (RawConnection connection : connections) {
                lastFrames.add(readers.submit(() -> {
                    List<Envelope> frames = connection.readUntilClosed();
                    return frames.isEmpty() ? null : frames.get(frames.size() - 1);
                }));
            }
            List<RawConnection> open = new ArrayList<>(connections); // the talker's thread only
            talking = talker.scheduleAtFixedRate(() -> pingEach(open), 0, PING_PERIOD.toNanos(), TimeUnit.NANOSECONDS);

            server.close();

            List<Envelope> last = new ArrayList<>();
            for (Future<Envelope> frame : lastFrames) {
                last.add(frame.get(30, TimeUnit.SECONDS));
            }
            return last;
        } finally {
            if (talking != null) {
                talking.cancel(false);
            }
            for (RawConnection connection : connections) {
                connection.close();
            }
            server.close();
        }
    }

    /** One Ping on every connection still open; a connection that fails is left alone from then on. */
    private static void pingEach(List<RawConnection> open) {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).writeEnvelope(Envelope.newBuilder().setRequestId(i + 1)
                        .setPing(Ping.newBuilder().setNonce(System.nanoTime())).build());
            } catch (IOException ended) {
                open.remove(i);
            }
        }
    }
}
