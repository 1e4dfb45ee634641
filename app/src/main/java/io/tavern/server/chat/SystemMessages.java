package io.tavern.server.chat;

import io.tavern.protocol.v1.ChatMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers and records an operators' announcement (scope SYSTEM). Unlike a player's line, an announcement
 * is never refused: it goes out even when the archive cannot take it, and, while no message id can be
 * minted (a database outage longer than the node lease), without an id (0) and unarchived. Both are logged.
 */
public final class SystemMessages {

    private static final Logger log = LoggerFactory.getLogger(SystemMessages.class);

    private SystemMessages() {
    }

    /** Called on the announcing scope's executor, like any recording. */
    public static ChatMessage stampAndRecord(ChatMessage.Builder announcement, MessageIds ids, ChatRecorder recorder) {
        announcement.setSentAtMs(System.currentTimeMillis());
        try {
            announcement.setId(ids.next());
        } catch (MessageIdsUnavailableException unavailable) {
            log.warn("Announcement delivered without an id and not archived: {}", unavailable.getMessage());
            return announcement.build();
        }
        ChatMessage message = announcement.build();
        if (!recorder.record(message)) {
            log.warn("Announcement {} delivered but not archived: the chat archive is full", message.getId());
        }
        return message;
    }
}
