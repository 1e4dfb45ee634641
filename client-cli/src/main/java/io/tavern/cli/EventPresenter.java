package io.tavern.cli;

import io.tavern.client.ClientListener;
import io.tavern.client.DisconnectInfo;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.ModerationEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Turns what the server pushes into reported events. Runs on the client's event loop, so it only
 * builds small objects and prints them.
 *
 * <p>A new kind of server notice gets its case here and its event in {@link JsonEvents}; its words
 * belong with the others in {@link ErrorWording}.
 */
final class EventPresenter implements ClientListener {

    private final Reporter reporter;
    private final CompletableFuture<DisconnectInfo> disconnected = new CompletableFuture<>();
    /** What the operator said before the Goodbye of a kick or a ban. Event loop only. */
    private OperatorNotice operatorNotice;

    EventPresenter(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Completes with the reason once the connection closed and the "disconnected" line was shown. */
    CompletableFuture<DisconnectInfo> disconnected() {
        return disconnected;
    }

    @Override
    public void onEvent(Envelope event) {
        switch (event.getBodyCase()) {
            case CHAT_MESSAGE -> reporter.report(JsonEvents.chat(event.getChatMessage()));
            case ROOM_EVENT -> reporter.report(JsonEvents.roomEvent(event.getRoomEvent()));
            case LOBBY_EVENT -> reporter.report(JsonEvents.lobby(event.getLobbyEvent()));
            case KICKED -> {
                Kicked kicked = event.getKicked();
                if (kicked.getScope() == KickScope.FROM_ROOM) {
                    reporter.report(JsonEvents.left(kicked.getRoomName(), "kicked", kicked.getBy(), kicked.getReason()));
                } else {
                    operatorNotice = OperatorNotice.of(kicked);
                    reporter.report(JsonEvents.kicked(kicked));
                }
            }
            case MODERATION_EVENT -> {
                ModerationEvent moderation = event.getModerationEvent();
                if (moderation.getType() == ModerationEvent.Type.BANNED) {
                    operatorNotice = OperatorNotice.of(moderation); // the Goodbye(BANNED) follows
                }
                reporter.report(JsonEvents.moderation(moderation));
            }
            case ERROR -> reporter.report(JsonEvents.error(event.getError()));
            // Goodbye is told by onClosed, with the reason; Pong only proves the server lives.
            default -> {
            }
        }
    }

    @Override
    public void onClosed(DisconnectInfo info) {
        reporter.report(JsonEvents.disconnected(info, operatorNotice));
        disconnected.complete(info);
    }
}
