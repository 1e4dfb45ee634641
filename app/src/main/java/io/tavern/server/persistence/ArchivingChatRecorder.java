package io.tavern.server.persistence;

import io.tavern.db.chat.ArchivedMessage;
import io.tavern.db.chat.ChatArchive;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.session.PlayerIdentity;
import java.time.Instant;

/**
 * Hands each chat message to the write-behind {@link ChatArchive}: a queue offer, never a database
 * call, so it is safe on a logic thread. The archive writes batches on the DB executor.
 */
public final class ArchivingChatRecorder implements ChatRecorder {

    private final ChatArchive archive;

    public ArchivingChatRecorder(ChatArchive archive) {
        this.archive = archive;
    }

    @Override
    public boolean record(ChatMessage message) {
        return archive.offer(toArchived(message));
    }

    @Override
    public boolean recordWhisper(ChatMessage whisper, PlayerIdentity sender, PlayerIdentity recipient) {
        return archive.offer(ArchivedMessage.whisper(whisper.getId(), whisper.getFrom(), sender.key(), whisper.getTo(),
                recipient.key(), whisper.getText(), Instant.ofEpochMilli(whisper.getSentAtMs())));
    }

    static ArchivedMessage toArchived(ChatMessage message) {
        Instant sentAt = Instant.ofEpochMilli(message.getSentAtMs());
        return switch (message.getScope()) {
            case LOBBY -> ArchivedMessage.lobby(message.getId(), message.getFrom(), message.getText(), sentAt);
            case ROOM -> ArchivedMessage.room(message.getId(), message.getRoomId(), message.getRoomName(),
                    message.getFrom(), message.getText(), sentAt);
            // An empty room id (a system message to everyone) is stored as none by ArchivedMessage itself.
            case SYSTEM -> ArchivedMessage.system(message.getId(), message.getRoomId(), message.getRoomName(),
                    message.getText(), sentAt);
            default -> throw new IllegalArgumentException("not a lobby, room or system message: " + message);
        };
    }
}
