package io.tavern.db.chat;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the chat archive holds, read back from its chunks message by message: for tests that check what was
 * stored (the archive's table holds a row per chunk, not per message).
 */
public final class StoredChat {

    private StoredChat() {
    }

    /** Messages stored, by the chunks' counts. */
    public static long count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(message_count), 0) FROM chat_chunk", Long.class);
    }

    /** Every message stored, by channel id, then id. */
    public static List<ArchivedMessage> messages(JdbcTemplate jdbc) {
        List<Keyed> keyed = new ArrayList<>();
        jdbc.query("SELECT channel, channel_key, body FROM chat_chunk", row -> {
            for (ArchivedMessage message : decode(row.getString("channel_key"), row.getBytes("body"))) {
                keyed.add(new Keyed(row.getLong("channel"), message));
            }
        });
        keyed.sort(Comparator.comparingLong(Keyed::channel).thenComparingLong(k -> k.message().id()));
        return keyed.stream().map(Keyed::message).toList();
    }

    /** {@link #messages(JdbcTemplate)} over a connection the caller keeps (and closes). */
    public static List<ArchivedMessage> messages(Connection connection) {
        return messages(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
    }

    /** Every message stored, chunk by chunk in the order {@code orderBy} (SQL) gives, each chunk's by id. */
    public static List<ArchivedMessage> messagesInChunkOrder(JdbcTemplate jdbc, String orderBy) {
        List<ArchivedMessage> messages = new ArrayList<>();
        jdbc.query("SELECT channel_key, body FROM chat_chunk ORDER BY " + orderBy,
                row -> {
                    messages.addAll(decode(row.getString("channel_key"), row.getBytes("body")));
                });
        return messages;
    }

    /** Every message stored, by id. */
    public static List<ArchivedMessage> messagesById(JdbcTemplate jdbc) {
        List<ArchivedMessage> messages = new ArrayList<>(messages(jdbc));
        messages.sort(Comparator.comparingLong(ArchivedMessage::id));
        return messages;
    }

    private static List<ArchivedMessage> decode(String channelKey, byte[] body) {
        return ChunkDecoder.decode(ChatChannel.ofKey(channelKey), body);
    }

    private record Keyed(long channel, ArchivedMessage message) {
    }
}
