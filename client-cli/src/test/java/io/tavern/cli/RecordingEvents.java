package io.tavern.cli;

import io.tavern.client.ClientListener;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.testserver.TestTavernServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** A library client's listener for CLI tests: remembers who kicked it, and who joined its room. */
final class RecordingEvents implements ClientListener {

    private volatile String kickedBy;
    private final List<String> joined = new CopyOnWriteArrayList<>();
    private int joinsAwaited;

    @Override
    public void onEvent(Envelope event) {
        if (event.hasKicked() && event.getKicked().getScope() == KickScope.FROM_ROOM) {
            kickedBy = event.getKicked().getBy();
        }
        if (event.hasRoomEvent() && event.getRoomEvent().getType() == RoomEventType.MEMBER_JOINED) {
            joined.add(event.getRoomEvent().getUser());
        }
    }

    String kickedBy() {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> kickedBy != null);
        return kickedBy;
    }

    /** Waits for the next join to our room, which must be {@code user}'s: the first call the first join, and so on. */
    void awaitMemberJoined(String user) {
        int index = joinsAwaited++;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> joined.size() > index);
        if (!joined.get(index).equals(user)) {
            throw new AssertionError("join " + (index + 1) + " was " + joined.get(index) + "'s, not " + user + "'s");
        }
    }

    void awaitRoomCreated(TestTavernServer server, String room) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.roomNames().contains(room));
    }
}
