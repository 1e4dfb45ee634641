package io.tavern.server.chat;

import io.tavern.protocol.v1.ChatMessage;

/**
 * Told of every chat message a scope accepted, on that scope's executor and in its order (the chat
 * archive listens here). Must not block.
 */
@FunctionalInterface
public interface ChatListener {

    ChatListener NONE = message -> { };

    void accepted(ChatMessage message);
}
