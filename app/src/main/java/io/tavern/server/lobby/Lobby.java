package io.tavern.server.lobby;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.LobbyEvent;
import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.chat.ChatListener;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.logic.SessionLifecycleListener;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.Session;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The lobby: where a logged-in player is while not in a room, its chat channel, and the feed of
 * room-list changes for those who watch it. An actor: its state is touched only on its own serial
 * executor, which also gives every lobby message its place in one total order (its id) that all
 * recipients see.
 *
 * <p>Lobby chat reaches everyone logged in who is <em>not</em> in a room: a room's members hear
 * their room, as players in a match expect.
 */
public final class Lobby implements LoginListener, SessionLifecycleListener {

    private final SerialExecutor executor;
    private final ChatListener chatListener;
    private final Set<Session> present = new LinkedHashSet<>();
    private final Set<Session> watchers = new LinkedHashSet<>();
    private long lastMessageId;

    public Lobby(SerialExecutor executor, ChatListener chatListener) {
        this.executor = executor;
        this.chatListener = chatListener;
    }

    @Override
    public void loggedIn(Session session) {
        enter(session);
    }

    @Override
    public void sessionClosed(Session session) {
        executor.execute(() -> {
            executor.checkInExecutor();
            present.remove(session);
            watchers.remove(session);
        });
    }

    public void enter(Session session) {
        executor.execute(() -> {
            executor.checkInExecutor();
            if (session.isOpen()) { // a session that closed meanwhile would never be removed again
                present.add(session);
            }
        });
    }

    public void leave(Session session) {
        executor.execute(() -> {
            executor.checkInExecutor();
            present.remove(session);
        });
    }

    /** Starts or stops the room-list feed for {@code session}; acks when done. */
    public void watch(Session session, boolean on, long requestId) {
        executor.execute(() -> {
            executor.checkInExecutor();
            if (on && session.isOpen()) {
                watchers.add(session);
            } else {
                watchers.remove(session);
            }
            session.ack(requestId);
        });
    }

    /** A room-list delta for the watchers (rooms call this for public rooms only). */
    void roomChanged(LobbyEventType type, RoomSummary room) {
        executor.execute(() -> {
            executor.checkInExecutor();
            if (!watchers.isEmpty()) {
                Broadcast.send(Envelope.newBuilder()
                        .setLobbyEvent(LobbyEvent.newBuilder().setType(type).setRoom(room)).build(), watchers);
            }
        });
    }

    /**
     * Delivers an accepted message to everyone in the lobby (the sender included), then acks the
     * sender: the ack means the message has its place in the lobby's order.
     */
    public void post(Session sender, long requestId, String text) {
        executor.execute(() -> {
            executor.checkInExecutor();
            deliver(ChatMessage.newBuilder().setScope(ChatScope.LOBBY).setFrom(sender.user()).setText(text));
            sender.ack(requestId);
        });
    }

    /** A system message from the operators to everyone in the lobby. */
    public void announce(String text) {
        executor.execute(() -> {
            executor.checkInExecutor();
            deliver(ChatMessage.newBuilder().setScope(ChatScope.SYSTEM).setText(text));
        });
    }

    private void deliver(ChatMessage.Builder message) {
        ChatMessage accepted = message.setId(++lastMessageId).setSentAtMs(System.currentTimeMillis()).build();
        Broadcast.send(Envelope.newBuilder().setChatMessage(accepted).build(), present);
        chatListener.accepted(accepted);
    }

    /** Executor-only. */
    public int presentCount() {
        executor.checkInExecutor();
        return present.size();
    }
}
