package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChatRetentionTest {

    private static final Instant CUTOFF = Instant.parse("2026-03-01T00:00:00Z");

    /** 25 messages sent before the cut-off (one a minute) and 5 after, written through the archive. */
    private static Database withMessagesAroundTheCutoff(FreshDatabase fresh) {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());
        LongStream.rangeClosed(1, 30).forEach(id -> assertThat(archive.offer(
                ArchivedMessage.room(id, "r-" + (id % 3), "Room " + (id % 3), "alice", "line " + id,
                        CUTOFF.minus(Duration.ofMinutes(26 - id))))).isTrue());
        assertThat(archive.close(Duration.ofSeconds(20))).as("messages left unwritten").isZero();
        return database;
    }

    private static long count(FreshDatabase fresh) {
        return fresh.direct().queryForObject("SELECT COUNT(*) FROM chat_message", Long.class);
    }

    @DatabaseTest
    void aPurgeDeletesEveryMessageOlderThanTheCutoffInBatchesOfAtMostTheBatchSize(FreshDatabase fresh) throws Exception {
        ChatRetention retention = new ChatRetention(withMessagesAroundTheCutoff(fresh));
        List<Integer> batches = new ArrayList<>();

        long purged = Await.result(retention.purge(CUTOFF, 10, batches::add));

        assertThat(purged).isEqualTo(25);
        assertThat(batches).containsExactly(10, 10, 5);
        assertThat(fresh.direct().queryForList("SELECT id FROM chat_message ORDER BY id", Long.class))
                .containsExactly(26L, 27L, 28L, 29L, 30L);
    }

    @DatabaseTest
    void oneBatchDeletesTheOldestMessagesFirst(FreshDatabase fresh) throws Exception {
        ChatRetention retention = new ChatRetention(withMessagesAroundTheCutoff(fresh));

        assertThat(Await.result(retention.purgeBatch(CUTOFF, 4))).isEqualTo(4);

        assertThat(fresh.direct().queryForList("SELECT id FROM chat_message ORDER BY sent_at LIMIT 1", Long.class))
                .containsExactly(5L);
    }

    @DatabaseTest
    void aPurgeWithNothingOldEnoughDeletesNothing(FreshDatabase fresh) throws Exception {
        ChatRetention retention = new ChatRetention(withMessagesAroundTheCutoff(fresh));

        assertThat(Await.result(retention.purge(CUTOFF.minus(Duration.ofDays(1)), 10, deleted -> { }))).isZero();
        assertThat(count(fresh)).isEqualTo(30);
    }
}
