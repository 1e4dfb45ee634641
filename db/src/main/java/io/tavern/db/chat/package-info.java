/**
 * Chat persistence: the write-behind {@link io.tavern.db.chat.ChatArchive} and paged history
 * ({@link io.tavern.db.chat.ChatHistoryStore}) per {@link io.tavern.db.chat.ChatChannel}.
 */
package io.tavern.db.chat;
