package io.tavern.server.chat;

import io.tavern.protocol.v1.ChatMessage;

/**
 * Records every chat message a scope is about to deliver (the chat archive stands behind it). Called
 * on that scope's executor, in its order, before delivery: a message the recorder cannot take (the
 * archive's bounded queue is full) is refused with {@code SERVER_BUSY} instead of being delivered
 * and silently never archived. Must not block.
 */
@FunctionalInterface
public interface ChatRecorder {

    /** Records nothing: for servers run without an archive, and for tests of the chat paths alone. */
    ChatRecorder NONE = message -> true;

    /** @return false if the message cannot be recorded now and must be refused */
    boolean record(ChatMessage message);
}
