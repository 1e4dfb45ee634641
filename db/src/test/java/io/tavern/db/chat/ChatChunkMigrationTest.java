package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.Timestamps;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V10 moves every message of V9's chat_message (a row per message) into chunks, and history pages them as before. */
class ChatChunkMigrationTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private static void v9Row(JdbcTemplate jdbc, ArchivedMessage message) {
        jdbc.update("INSERT INTO chat_message (channel, id, scope, room_id, room_name, sender, recipient, sender_party,"
                        + " recipient_party, text, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                message.channel().id(), message.id(), message.scope().name(), message.roomId(), message.roomName(),
                message.sender(), message.recipient(), message.senderParty(), message.recipientParty(), message.text(),
                Timestamps.toSql(message.sentAt()));
    }

    @DatabaseTest
    void everyMessageMovesIntoChunksAndPagesAsBefore(FreshDatabase fresh) throws Exception {
        JdbcTemplate jdbc = fresh.direct();
        Flyway.configure().dataSource(jdbc.getDataSource()).locations("classpath:db/migration").target("9").load().migrate();
        List<ArchivedMessage> messages = new ArrayList<>();
        // A busy room with long lines (more than one chunk's bytes) over two minutes (more than one chunk's span).
        for (long id = 1; id <= 120; id++) {
            messages.add(ArchivedMessage.room(id, "r-1", "Tavern", "carol", "x".repeat((int) (id * 30)),
                    T0.plusSeconds(id)));
        }
        messages.add(ArchivedMessage.lobby(200, "alice", "Grüße, 世界! 🍺", T0));
        messages.add(ArchivedMessage.whisper(201, "Alice", "account:1", "Bob", "account:2", "psst", T0));
        messages.add(ArchivedMessage.whisper(202, "Bob", "account:2", "Alice", "account:1", "what?", T0.plusMillis(1)));
        messages.add(ArchivedMessage.system(203, null, null, "maintenance at noon", T0));
        messages.add(ArchivedMessage.system(204, "r-1", "Tavern", "closing soon", T0));
        messages.forEach(message -> v9Row(jdbc, message));
        // A whisper from before V6: no parties, nobody's to page.
        jdbc.update("INSERT INTO chat_message (channel, id, scope, sender, recipient, text, sent_at)"
                + " VALUES (42, 7, 'WHISPER', 'alice', 'bob', 'old whisper', ?)", Timestamps.toSql(T0));

        Database database = fresh.open(); // migrates to the latest version: V10 and after

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'chat_message'",
                Integer.class)).as("chat_message is gone").isZero();
        List<ArchivedMessage> expected = new ArrayList<>(messages);
        expected.sort(Comparator.comparingLong(ArchivedMessage::id));
        assertThat(StoredChat.messagesById(jdbc)).containsExactlyElementsOf(expected);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chat_chunk WHERE channel_key = 'ROOM:r-1'", Integer.class))
                .as("the room's chunks").isGreaterThan(2);
        assertThat(jdbc.queryForList("SELECT text FROM chat_message_unpaged", String.class)).containsExactly("old whisper");

        ChatHistoryStore history = new ChatHistoryStore(database);
        List<ArchivedMessage> paged = new ArrayList<>();
        String cursor = null;
        do {
            HistoryPage page = Await.result(history.page(ChatChannel.room("r-1"), cursor, 7));
            paged.addAll(page.messages());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        assertThat(paged).extracting(ArchivedMessage::id).containsExactlyElementsOf(
                java.util.stream.LongStream.iterate(120, id -> id >= 1, id -> id - 1).boxed().toList());
        assertThat(Await.result(history.page(ChatChannel.whisper("account:2", "account:1"), null, 10)).messages())
                .extracting(ArchivedMessage::text).containsExactly("what?", "psst");

        // The archive goes on after the moved chunks.
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());
        archive.offer(ArchivedMessage.lobby(1L << 60, "dave", "after the upgrade", T0.plusSeconds(600)));
        assertThat(archive.close(Duration.ofSeconds(20))).isZero();
        assertThat(Await.result(history.page(ChatChannel.lobby(), null, 10)).messages()).extracting(ArchivedMessage::text)
                .containsExactly("after the upgrade", "Grüße, 世界! 🍺");
    }
}
