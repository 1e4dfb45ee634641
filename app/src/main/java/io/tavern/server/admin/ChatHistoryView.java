package io.tavern.server.admin;

import io.tavern.db.chat.ArchivedMessage;
import io.tavern.db.chat.HistoryPage;
import java.time.Instant;
import java.util.List;

/**
 * A page of a room's archived chat, newest first.
 *
 * @param nextCursor pass as {@code before} for the next, older page; null when there is none
 */
public record ChatHistoryView(List<Message> messages, String nextCursor) {

    public record Message(long id, String scope, String roomId, String roomName, String from, String text,
                          Instant sentAt) {

        static Message of(ArchivedMessage message) {
            return new Message(message.id(), message.scope().name(), message.roomId(), message.roomName(),
                    message.sender(), message.text(), message.sentAt());
        }
    }

    static ChatHistoryView of(HistoryPage page) {
        return new ChatHistoryView(page.messages().stream().map(Message::of).toList(), page.nextCursor().orElse(null));
    }
}
