package io.tavern.cli;

import io.tavern.client.ClientListener;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.KickScope;
import io.tavern.testserver.TestTavernServer;
import java.time.Duration;
import org.awaitility.Awaitility;

/** A library client's listener for CLI tests: remembers who kicked it. */
final class RecordingEvents implements ClientListener {

    private volatile String kickedBy;

    @Override
    public void onEvent(Envelope event) {
        if (event.hasKicked() && event.getKicked().getScope() == KickScope.FROM_ROOM) {
            kickedBy = event.getKicked().getBy();
        }
    }

    String kickedBy() {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> kickedBy != null);
        return kickedBy;
    }

    void awaitRoomCreated(TestTavernServer server, String room) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.roomNames().contains(room));
    }
}
