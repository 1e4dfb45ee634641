package io.tavern.server.session;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Channels for sessions in a test, each in front of a {@link HeldWrites} "socket" whose writes complete only when
 * the test says so; closed together at the end, every buffer released.
 */
public final class HeldSockets implements AutoCloseable {

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<HeldWrites> sockets = new ArrayList<>();

    /** A new channel whose socket holds every write. Its event loop runs when the test runs it. */
    public EmbeddedChannel open() {
        HeldWrites socket = new HeldWrites();
        EmbeddedChannel channel = new EmbeddedChannel(socket);
        sockets.add(socket);
        channels.add(channel);
        return channel;
    }

    /** Runs what every channel's event loop has been given: the send queues' drains. */
    public void runEventLoops() {
        channels.forEach(EmbeddedChannel::runPendingTasks);
    }

    /** Completes the writes in flight on the {@code index}-th channel opened, as its kernel would. */
    public void completeWrites(int index) {
        sockets.get(index).completeWrites();
    }

    @Override
    public void close() {
        for (int i = 0; i < channels.size(); i++) {
            sockets.get(i).completeWrites();
            sockets.get(i).takeWritten();
            channels.get(i).finishAndReleaseAll();
            // Closing runs the loop's last tasks: a drain pending then may still have written.
            sockets.get(i).completeWrites();
            sockets.get(i).takeWritten();
        }
    }
}
