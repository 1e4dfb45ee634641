package io.tavern.server.chat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.server.session.PlayerIdentity;

/**
 * Records every chat message a scope is about to deliver (the chat archive stands behind it). Called
 * on that scope's executor, in its order, before delivery: a message the recorder cannot take (the
 * archive's bounded queue is full) is refused with {@code SERVER_BUSY} instead of being delivered
 * and silently never archived. Must not block.
 */
public interface ChatRecorder {

    /** Records nothing: for servers run without an archive, and for tests of the chat paths alone. */
    ChatRecorder NONE = new ChatRecorder() {
        @Override
        public boolean record(ChatMessage message) {
            return true;
        }

        @Override
        public boolean recordWhisper(ChatMessage whisper, PlayerIdentity sender, PlayerIdentity recipient) {
            return true;
        }
    };

    /**
     * A lobby, room or system message.
     *
     * @return false if the message cannot be recorded now and must be refused
     */
    boolean record(ChatMessage message);

    /**
     * A whisper, with who its two parties are: whisper history is private to them, and names alone would
     * let a later holder of either name read it.
     *
     * @return false if the message cannot be recorded now and must be refused
     */
    boolean recordWhisper(ChatMessage whisper, PlayerIdentity sender, PlayerIdentity recipient);
}
