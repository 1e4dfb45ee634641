package io.tavern.server.lobby;

import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.chat.ChatAdmission;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.chat.MessageIdsUnavailableException;
import io.tavern.server.chat.SystemMessages;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.logic.Reply;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.logic.SessionLifecycleListener;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.Session;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The lobby: where a logged-in player is while not in a room, and its chat channel. An actor: its
 * state is touched only on its own serial executor, which also gives every lobby message its place
 * in one total order (its id) that all recipients see. The feed of room-list changes is the
 * {@link LobbyFeed}'s, on an executor of its own; rooms reach it through here.
 *
 * <p>Lobby chat reaches everyone logged in who is <em>not</em> in a room: a room's members hear
 * their room, as players in a match expect.
 */
public final class Lobby implements LoginListener, SessionLifecycleListener {

    private final SerialExecutor executor;
    private final ChatRecorder chatRecorder;
    private final ChatAdmission chatAdmission;
    /**
     * Who hears lobby chat. An identity set: a session is itself (it has no equals of its own), and the JDK's
     * {@link IdentityHashMap} holds an entry as two slots of its table, ~13 bytes a player, where a
     * {@code LinkedHashSet}'s entry is an object of 40. The order of delivery among the audience is not the
     * order they came in, which nothing promises.
     */
    private final Set<Session> present = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MessageIds messageIds;
    private final LobbyFeed feed;

    public Lobby(SerialExecutor executor, ChatRecorder chatRecorder, ChatAdmission chatAdmission, MessageIds messageIds,
                 LobbyFeed feed) {
        this.executor = executor;
        this.chatRecorder = chatRecorder;
        this.chatAdmission = chatAdmission;
        this.messageIds = messageIds;
        this.feed = feed;
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
        });
        feed.sessionClosed(session);
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

    /** A listed room changed (rooms call this for public rooms only, on their own executors). */
    void roomChanged(LobbyEventType type, RoomSummary room) {
        feed.roomChanged(type, room);
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
            Reply reply = Reply.to(sender, requestId);
            try {
                post(sender, text, reply);
            } catch (RuntimeException unexpected) {
                reply.failed("lobby chat", unexpected);
            }
        });
    }

    private void post(Session sender, String text, Reply reply) {
        try {
            chatAdmission.admit(present); // sheds load before the audience's queues overflow
        } catch (RequestRejected busy) {
            reply.reject(busy);
            return;
        }
        ChatMessage message;
        try {
            message = stamp(ChatMessage.newBuilder().setScope(ChatScope.LOBBY).setFrom(sender.user()).setText(text));
        } catch (MessageIdsUnavailableException unavailable) {
            reply.error(Error.newBuilder().setCode(ErrorCode.SERVER_BUSY)
                    .setMessage(MessageIdsUnavailableException.CLIENT_MESSAGE).build());
            return;
        }
        if (!chatRecorder.record(message)) {
            reply.error(Error.newBuilder().setCode(ErrorCode.SERVER_BUSY)
                    .setMessage("the chat archive is full; try again shortly").build());
            return;
        }
        deliver(message);
        reply.ack();
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
