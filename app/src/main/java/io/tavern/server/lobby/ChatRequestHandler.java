package io.tavern.server.lobby;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.SendChat;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.chat.ChatRules;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.chat.MessageIdsUnavailableException;
import io.tavern.db.moderation.Sanction;
import io.tavern.server.logic.Reply;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SendChat}: applies the chat rules on the sender's executor, then hands the accepted text to the
 * scope that delivers it. The chat rate limit was met before the line was queued (see
 * {@link io.tavern.server.budget.RequestBudget}).
 */
public final class ChatRequestHandler implements RequestHandler {

    private final ChatRules rules;
    private final Lobby lobby;
    private final Rooms rooms;
    private final SessionRegistry registry;
    private final ChatRecorder chatRecorder;
    private final Moderation moderation;
    private final MessageIds messageIds;

    public ChatRequestHandler(ChatRules rules, Lobby lobby, Rooms rooms,
                              SessionRegistry registry, ChatRecorder chatRecorder, MessageIds messageIds,
                              Moderation moderation) {
        this.messageIds = messageIds;
        this.moderation = moderation;
        this.chatRecorder = chatRecorder;
        this.rules = rules;
        this.lobby = lobby;
        this.rooms = rooms;
        this.registry = registry;
    }

    @Override
    public Set<Envelope.BodyCase> accepts() {
        return Set.of(Envelope.BodyCase.SEND_CHAT);
    }

    @Override
    public void handle(Session session, Envelope request) {
        long requestId = request.getRequestId();
        SendChat chat = request.getSendChat();
        Optional<Sanction> mute = moderation.activeMute(session);
        if (mute.isPresent()) {
            session.send(Envelope.newBuilder().setRequestId(requestId).setError(Error.newBuilder()
                    .setCode(ErrorCode.MUTED)
                    .setMessage("you are muted" + mute.get().end().map(until -> " until " + until).orElse(""))
                    .setUntilMs(mute.get().end().map(java.time.Instant::toEpochMilli).orElse(0L))
                    .setReason(mute.get().reason() == null ? "" : mute.get().reason())).build());
            return;
        }
        ChatRules.Verdict verdict = rules.check(chat.getText());
        if (!verdict.accepted()) {
            session.error(requestId, verdict.error(), verdict.reason());
            return;
        }
        switch (chat.getScope()) {
            case LOBBY -> {
                if (session.player().inOrNearRoom()) {
                    // Lobby chat is for those in the lobby; a member would not even hear their own line.
                    session.error(requestId, ErrorCode.INVALID_STATE, "you are in a room; leave it to chat in the lobby");
                } else {
                    lobby.post(session, requestId, verdict.text());
                }
            }
            case ROOM -> rooms.current(session).post(session, verdict.text(), Reply.to(session, requestId));
            case WHISPER -> whisper(session, requestId, chat.getTo(), verdict.text());
            default -> session.error(requestId, ErrorCode.INVALID_ARGUMENT,
                    "scope must be LOBBY, ROOM or WHISPER, not " + chat.getScope());
        }
    }

    private void whisper(Session sender, long requestId, String to, String text) {
        Optional<Session> recipient = registry.byName(to);
        if (recipient.isEmpty() || !recipient.get().isLoggedIn()) {
            sender.error(requestId, ErrorCode.USER_NOT_FOUND, "'" + to + "' is not online");
            return;
        }
        Session target = recipient.get();
        long id;
        try {
            id = messageIds.next();
        } catch (MessageIdsUnavailableException unavailable) {
            sender.error(requestId, ErrorCode.SERVER_BUSY, MessageIdsUnavailableException.CLIENT_MESSAGE);
            return;
        }
        ChatMessage message = ChatMessage.newBuilder()
                .setId(id)
                .setScope(ChatScope.WHISPER)
                .setFrom(sender.user())
                .setTo(target.user())
                .setText(text)
                .setSentAtMs(System.currentTimeMillis())
                .build();
        if (!chatRecorder.recordWhisper(message, sender.identity(), target.identity())) {
            sender.error(requestId, ErrorCode.SERVER_BUSY, "the chat archive is full; try again shortly");
            return;
        }
        Envelope envelope = Envelope.newBuilder().setChatMessage(message).build();
        target.send(envelope);
        if (target != sender) {
            sender.send(envelope); // the sender sees its whisper in its own conversation
        }
        sender.ack(requestId);
    }
}
