package io.tavern.server.lobby;

import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.LobbyEvent;
import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.chat.ChatAdmission;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.chat.MessageIdsUnavailableException;
import io.tavern.server.chat.SystemMessages;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.logic.RequestRejected;
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
    private final ChatRecorder chatRecorder;
    private final ChatAdmission chatAdmission;
    private final Set<Session> present = new LinkedHashSet<>();
    private final Set<Session> watchers = new LinkedHashSet<>();
    private final MessageIds messageIds;

    public Lobby(SerialExecutor executor, ChatRecorder chatRecorder, ChatAdmission chatAdmission, MessageIds messageIds) {
        this.executor = executor;
        this.chatRecorder = chatRecorder;
        this.chatAdmission = chatAdmission;
        this.messageIds = messageIds;
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
     * sender: the ack means the message has its place in the lobby's order and is on its way to the
     * archive. A message the lobby's audience is too far behind for, that cannot get an id, or that the
     * archive cannot take, is refused with {@code SERVER_BUSY}.
     */
    public void post(Session sender, long requestId, String text) {
        executor.execute(() -> {
            executor.checkInExecutor();
            ChatMessage message;
            try {
                chatAdmission.admit(present); // sheds load before the audience's queues overflow
            } catch (RequestRejected busy) {
                sender.send(Envelopes.error(requestId, busy.toError()));
                return;
            }
            try {
                message = stamp(ChatMessage.newBuilder().setScope(ChatScope.LOBBY).setFrom(sender.user()).setText(text));
            } catch (MessageIdsUnavailableException unavailable) {
                sender.error(requestId, ErrorCode.SERVER_BUSY, MessageIdsUnavailableException.CLIENT_MESSAGE);
                return;
            }
            if (!chatRecorder.record(message)) {
                sender.error(requestId, ErrorCode.SERVER_BUSY, "the chat archive is full; try again shortly");
                return;
            }
            deliver(message);
            sender.ack(requestId);
        });
    }

    /** A system message from the operators to everyone in the lobby. */
    public void announce(String text) {
        executor.execute(() -> {
            executor.checkInExecutor();
            ChatMessage.Builder message = ChatMessage.newBuilder().setScope(ChatScope.SYSTEM).setText(text);
            deliver(SystemMessages.stampAndRecord(message, messageIds, chatRecorder));
        });
    }

    private ChatMessage stamp(ChatMessage.Builder message) {
        return message.setId(messageIds.next()).setSentAtMs(System.currentTimeMillis()).build();
    }

    private void deliver(ChatMessage message) {
        Broadcast.send(Envelope.newBuilder().setChatMessage(message).build(), present);
    }

    /** Executor-only. */
    public int presentCount() {
        executor.checkInExecutor();
        return present.size();
    }
}
