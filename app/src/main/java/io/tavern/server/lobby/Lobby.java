package io.tavern.server.lobby;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.logic.SessionLifecycleListener;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.Session;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The lobby: where a logged-in player is while not in a room, and its chat channel. An actor: its
 * state is touched only on its own serial executor, which also gives every lobby message its place
 * in one total order (its id) that all recipients see.
 *
 * <p>Lobby chat reaches everyone logged in who is <em>not</em> in a room: a room's members hear
 * their room, as players in a match expect.
 */
public final class Lobby implements LoginListener, SessionLifecycleListener {

    private final SerialExecutor executor;
    private final Set<Session> present = new LinkedHashSet<>();
    private long lastMessageId;

    public Lobby(SerialExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void loggedIn(Session session) {
        enter(session);
    }

    @Override
    public void sessionClosed(Session session) {
        leave(session);
    }

    public void enter(Session session) {
        executor.execute(() -> {
            executor.checkInExecutor();
            present.add(session);
        });
    }

    public void leave(Session session) {
        executor.execute(() -> {
            executor.checkInExecutor();
            present.remove(session);
        });
    }

    /**
     * Delivers an accepted message to everyone in the lobby (the sender included), then acks the
     * sender: the ack means the message has its place in the lobby's order.
     */
    public void post(Session sender, long requestId, String text) {
        executor.execute(() -> {
            executor.checkInExecutor();
            ChatMessage message = ChatMessage.newBuilder()
                    .setId(++lastMessageId)
                    .setScope(ChatScope.LOBBY)
                    .setFrom(sender.user())
                    .setText(text)
                    .setSentAtMs(System.currentTimeMillis())
                    .build();
            Broadcast.send(Envelope.newBuilder().setChatMessage(message).build(), present);
            sender.ack(requestId);
        });
    }

    /** Runs {@code task} on the lobby's executor (for reads that must see consistent state). */
    public void run(Runnable task) {
        executor.execute(task);
    }

    /** Executor-only. */
    public int presentCount() {
        executor.checkInExecutor();
        return present.size();
    }
}
