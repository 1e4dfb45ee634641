package io.tavern.server.admin;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
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

    /**
     * @param id the message's id, as a string: ids are 63-bit numbers above 2^53, which a JSON number
     *           would lose in JavaScript and in any parser that reads numbers as doubles
     */
    public record Message(@JsonFormat(shape = JsonFormat.Shape.STRING)
                          @Schema(type = "string", example = "7269521938104483841",
                                  description = "unique message id (a 63-bit number, as a string)") long id,
                          String scope, String roomId, String roomName, String from, String text,
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
