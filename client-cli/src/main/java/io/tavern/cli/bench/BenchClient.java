package io.tavern.cli.bench;

import io.netty.util.concurrent.ScheduledFuture;
import io.tavern.client.ClientListener;
import io.tavern.client.ConnectionClosedException;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.RequestTimeoutException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated player: sends room messages at a fixed rate (open loop: sends do not wait for
 * acks, so a slow server shows up as latency rather than as fewer sends) or, in max-throughput
 * mode, keeps {@code window} messages unacknowledged. Receives its room's messages, its own
 * included, and records their latency.
 *
 * <p>Everything but {@link #attach} runs on the connection's event loop, so the sequence and the
 * in-flight count need no synchronisation.
 */
final class BenchClient implements ClientListener {

    private final int index;
    private final String name;
    private final BenchConfig config;
    private final BenchPhase phase;
    private final BenchStats stats;
    private volatile TavernClient client;
    private volatile int roomMembers;
    private long sequence;
    private int inFlight;
    private ScheduledFuture<?> pacer;

    BenchClient(int index, String name, BenchConfig config, BenchPhase phase, BenchStats stats) {
        this.index = index;
        this.name = name;
        this.config = config;
        this.phase = phase;
        this.stats = stats;
    }

    String name() {
        return name;
    }

    TavernClient client() {
        return client;
    }

    void attach(TavernClient client) {
        this.client = client;
    }

    /** Starts sending to a room of {@code members} members (this client included). */
    void startSending(int members) {
        this.roomMembers = members;
        client.eventLoop().execute(() -> {
            if (config.maxThroughput()) {
                for (int i = 0; i < config.window(); i++) {
                    sendOne();
                }
            } else {
                long periodNanos = Math.max(1, Math.round(1e9 / config.ratePerClient()));
                // A random phase spreads the clients' sends over the period instead of in bursts.
                long initialDelay = ThreadLocalRandom.current().nextLong(periodNanos);
                pacer = client.eventLoop().scheduleAtFixedRate(this::sendOne, initialDelay, periodNanos,
                        TimeUnit.NANOSECONDS);
            }
        });
    }

    private void sendOne() {
        BenchPhase.Phase now = phase.current();
        if (!now.sending()) {
            if (pacer != null) {
                pacer.cancel(false);
            }
            return;
        }
        TavernClient connection = client;
        if (!connection.isOpen()) {
            return;
        }
        boolean measured = now == BenchPhase.Phase.MEASURE;
        String text = BenchMessage.encode(index, sequence++, System.nanoTime(), measured, config.payloadBytes());
        if (measured) {
            stats.sent.increment();
            stats.expected.add(roomMembers);
        }
        inFlight++;
        connection.sendChat(ChatScope.ROOM, null, text).whenComplete((reply, failure) -> onReply(reply, failure, measured));
    }

    private void onReply(Envelope reply, Throwable failure, boolean measured) {
        inFlight--;
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            stats.error(cause instanceof RequestTimeoutException ? "TIMEOUT"
                    : cause instanceof ConnectionClosedException ? "CONNECTION_CLOSED"
                    : cause.getClass().getSimpleName());
        } else if (reply.hasError()) {
            stats.error(reply.getError().getCode().name());
            if (measured) {
                stats.rejected.increment();
                stats.expected.add(-roomMembers);
            }
        }
        if (config.maxThroughput() && inFlight < config.window()) {
            sendOne();
        }
    }

    @Override
    public void onEvent(Envelope event) {
        if (!event.hasChatMessage()) {
            return;
        }
        long sentNanos = BenchMessage.measuredSentNanos(event.getChatMessage().getText());
        if (sentNanos != BenchMessage.NOT_BENCH && sentNanos != BenchMessage.NOT_MEASURED) {
            stats.delivered(sentNanos, System.nanoTime());
        }
    }

    @Override
    public void onClosed(DisconnectInfo info) {
        if (phase.current() != BenchPhase.Phase.CLOSING) {
            stats.error("DISCONNECTED_" + info.reason());
        }
    }
}
