package io.tavern.db.chat;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code chat_chunk}: consecutive messages of one channel, ascending by id, encoded together
 * ({@link ChunkEncoder}). The archive writes one chunk per channel per batch (more when a channel's share of
 * the batch is large), so the database stores and indexes a row per chunk, not per message.
 *
 * @param messages    what {@code body} holds, ascending by id
 * @param firstSentAt the earliest {@code sentAt} among them
 * @param lastSentAt  the latest: retention deletes the chunk once this is older than the cut-off
 * @param body        the messages in {@link ChunkEncoder}'s format; read back with {@link ChunkDecoder}
 */
record ChatChunk(ChatChannel channel, long firstId, long lastId, Instant firstSentAt, Instant lastSentAt,
                 List<ArchivedMessage> messages, byte[] body) {

    int count() {
        return messages.size();
    }
}
