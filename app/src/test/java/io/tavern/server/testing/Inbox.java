package io.tavern.server.testing;

import io.tavern.client.ClientListener;
import io.tavern.client.DisconnectInfo;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Everything the server pushed to one client, in arrival order, with waits that time out. */
public final class Inbox implements ClientListener {

    private final LinkedBlockingQueue<Envelope> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<DisconnectInfo> closed = new CompletableFuture<>();

    @Override
    public void onEvent(Envelope event) {
        events.add(event);
    }

    @Override
    public void onClosed(DisconnectInfo info) {
        closed.complete(info);
    }

    /** Takes events until one matches, discarding the others; fails after {@code timeout}. */
    public Envelope await(Predicate<Envelope> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Envelope next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no matching event within " + timeout);
            }
            if (wanted.test(next)) {
                return next;
            }
        }
    }

    /** Takes the next {@code count} chat messages, skipping other events. */
    public List<ChatMessage> awaitChats(int count, Duration timeout) throws InterruptedException {
        List<ChatMessage> chats = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (chats.size() < count) {
            Envelope next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("got " + chats.size() + " of " + count + " chat messages within " + timeout);
            }
            if (next.hasChatMessage()) {
                chats.add(next.getChatMessage());
            }
        }
        return chats;
    }

    /** Events that have arrived and not yet been taken. */
    public List<Envelope> drain() {
        List<Envelope> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    public DisconnectInfo awaitClosed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }
}
