package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V6 moves the archive to (channel, id) keys and loses no message on the way (through V10's chunks since). */
class ChatMessageMigrationTest {

    private static final Instant T0 = Instant.parse("2026-02-01T12:00:00Z");

    /** An id as the old per-scope counters made them: milliseconds times 1024, plus a counter. */
    private static long oldId(int second, int counter) {
        return T0.plusSeconds(second).toEpochMilli() * 1024 + counter;
    }

    private static void oldRow(JdbcTemplate jdbc, String scopeKey, long id, String scope, String roomId, String sender,
                               String recipient, String text, int second) {
        jdbc.update("INSERT INTO chat_message (scope_key, id, scope, room_id, room_name, sender, recipient, text, sent_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", scopeKey, id, scope, roomId, roomId == null ? null : "Tavern",
                sender, recipient, text, OffsetDateTime.ofInstant(T0.plusSeconds(second), ZoneOffset.UTC));
    }

    @DatabaseTest
    void everyArchivedMessageIsKeptAndPagesInItsChannelAsBefore(FreshDatabase fresh) throws Exception {
        JdbcTemplate jdbc = fresh.direct();
        Flyway.configure().dataSource(jdbc.getDataSource()).locations("classpath:db/migration").target("4").load().migrate();
        // The old scheme's ids repeat across scopes: the lobby and a room both used the same millisecond.
        oldRow(jdbc, "LOBBY", oldId(1, 0), "LOBBY", null, "alice", null, "hello lobby", 1);
        oldRow(jdbc, "LOBBY", oldId(2, 0), "LOBBY", null, "bob", null, "hi alice", 2);
        oldRow(jdbc, "ROOM:r-1", oldId(1, 0), "ROOM", "r-1", "carol", null, "hello room", 1);
        oldRow(jdbc, "SYSTEM", oldId(3, 0), "SYSTEM", null, null, null, "maintenance at noon", 3);
        oldRow(jdbc, "WHISPER:alice:bob", oldId(4, 0), "WHISPER", null, "alice", "bob", "psst", 4);

        Database database = fresh.open();
        ChatHistoryStore history = new ChatHistoryStore(database);

        assertThat(StoredChat.count(jdbc)).isEqualTo(4);
        assertThat(Await.result(history.page(ChatChannel.lobby(), null, 10)).messages())
                .extracting(ArchivedMessage::text).containsExactly("hi alice", "hello lobby");
        assertThat(Await.result(history.page(ChatChannel.room("r-1"), null, 10)).messages())
                .extracting(ArchivedMessage::id).containsExactly(oldId(1, 0));
        assertThat(Await.result(history.page(ChatChannel.system(), null, 10)).messages())
                .extracting(ArchivedMessage::text).containsExactly("maintenance at noon");
        assertThat(jdbc.queryForList("SELECT text FROM chat_message_unpaged WHERE scope = 'WHISPER' AND sender_party IS NULL",
                String.class)).as("an old whisper stays for operators, owned by no identity").containsExactly("psst");

        // A message with a new id follows the old ones in its channel.
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());
        archive.offer(ArchivedMessage.lobby(1L << 60, "dave", "after the upgrade", T0.plusSeconds(60)));
        assertThat(archive.close(Duration.ofSeconds(20))).isZero();
        HistoryPage first = Await.result(history.page(ChatChannel.lobby(), null, 2));
        HistoryPage second = Await.result(history.page(ChatChannel.lobby(), first.nextCursor().orElseThrow(), 2));
        assertThat(List.of(first, second)).flatExtracting(HistoryPage::messages).extracting(ArchivedMessage::text)
                .containsExactly("after the upgrade", "hi alice", "hello lobby");
    }
}
