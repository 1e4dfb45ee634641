package io.tavern.client;

import io.tavern.protocol.v1.Envelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps what a client's listener is told, for tests to wait on and inspect. */
final class RecordingListener implements ClientListener {

    final LinkedBlockingQueue<Envelope> events = new LinkedBlockingQueue<>();
    final List<DisconnectInfo> closes = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(Envelope event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    @Override
    public void onClosed(DisconnectInfo info) {
        threads.add(Thread.currentThread().getName());
        closes.add(info);
    }

    /** The next event with a body of {@code kind}, skipping others; fails after 5 s. */
    Envelope next(Envelope.BodyCase kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Envelope event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.getBodyCase() == kind) {
                return event;
            }
        }
        throw new AssertionError("no " + kind + " event within 5 s");
    }
}
