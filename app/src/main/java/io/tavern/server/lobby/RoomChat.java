package io.tavern.server.lobby;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.chat.MessageIdsUnavailableException;
import io.tavern.server.chat.SystemMessages;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.Session;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * A room's chat: numbers each accepted line, hands it to the recorder (the archive) before anyone sees
 * it, delivers it to the members, and keeps the last few for newcomers. Part of a {@link Room}: touched
 * only on the room's executor, which gives the room's lines the one order every member sees.
 */
final class RoomChat {

    private final String roomId;
    private final String roomName;
    private final RoomContext context;
    private final ArrayDeque<ChatMessage> recent = new ArrayDeque<>();

    RoomChat(String roomId, String roomName, RoomContext context) {
        this.roomId = roomId;
        this.roomName = roomName;
        this.context = context;
    }

    /**
     * A member's line, its rules already checked on the sender's executor: numbered, recorded, remembered,
     * delivered to {@code members}. Throws {@code SERVER_BUSY} when the members are too far behind to take more
     * ({@link io.tavern.server.chat.ChatAdmission}), or it cannot be numbered or recorded, and
     * then nobody sees it.
     */
    void post(Session sender, String text, Collection<Session> members) {
        context.chatAdmission().admit(members); // sheds load before the members' queues overflow
        ChatMessage message = ChatMessage.newBuilder()
                .setId(mintId())
                .setScope(ChatScope.ROOM)
                .setRoomId(roomId)
                .setRoomName(roomName)
                .setFrom(sender.user())
                .setText(text)
                .setSentAtMs(System.currentTimeMillis())
                .build();
        if (!context.chatRecorder().record(message)) {
            throw new RequestRejected(ErrorCode.SERVER_BUSY, "the chat archive is full; try again shortly");
        }
        deliver(message, members);
    }

    /** A system message from the operators. */
    void announce(String text, Collection<Session> members) {
        deliver(SystemMessages.stampAndRecord(ChatMessage.newBuilder().setScope(ChatScope.SYSTEM).setRoomId(roomId)
                .setRoomName(roomName).setText(text), context.messageIds(), context.chatRecorder()), members);
    }

    /** The recent lines, for a newcomer, before any live one. */
    void replayTo(Session newcomer) {
        recent.forEach(message -> newcomer.send(Envelope.newBuilder().setChatMessage(message).build()));
    }

    private long mintId() {
        try {
            return context.messageIds().next();
        } catch (MessageIdsUnavailableException unavailable) {
            throw new RequestRejected(ErrorCode.SERVER_BUSY, MessageIdsUnavailableException.CLIENT_MESSAGE);
        }
    }

    private void deliver(ChatMessage message, Collection<Session> members) {
        recent.addLast(message);
        while (recent.size() > context.historyOnJoin()) {
            recent.removeFirst();
        }
        Broadcast.send(Envelope.newBuilder().setChatMessage(message).build(), members);
    }
}
