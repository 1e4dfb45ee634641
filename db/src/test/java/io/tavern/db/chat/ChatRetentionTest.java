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
        return StoredChat.count(fresh.direct());
    }

    @DatabaseTest
    void aPurgeDeletesEveryMessageOlderThanTheCutoffInBatchesOfAtMostTheBatchSize(FreshDatabase fresh) throws Exception {
        ChatRetention retention = new ChatRetention(withMessagesAroundTheCutoff(fresh));
        List<Integer> batches = new ArrayList<>();

        long purged = Await.result(retention.purge(CUTOFF, 10, batches::add));

        assertThat(purged).isEqualTo(25);
        assertThat(batches).containsExactly(10, 10, 5);
        assertThat(StoredChat.messagesById(fresh.direct())).extracting(ArchivedMessage::id)
                .containsExactly(26L, 27L, 28L, 29L, 30L);
    }

    @DatabaseTest
    void oneBatchDeletesTheOldestMessagesFirst(FreshDatabase fresh) throws Exception {
        ChatRetention retention = new ChatRetention(withMessagesAroundTheCutoff(fresh));

        // A minute apart, each message is a chunk of its own (a chunk spans at most ChunkEncoder.MAX_SPAN).
        assertThat(Await.result(retention.purgeBatch(CUTOFF, 4))).isEqualTo(new ChatRetention.PurgedBatch(4, 4));

        assertThat(StoredChat.messagesById(fresh.direct()).get(0).id()).isEqualTo(5L);
    }

    @DatabaseTest
    void aPurgeWithNothingOldEnoughDeletesNothing(FreshDatabase fresh) throws Exception {
        ChatRetention retention = new ChatRetention(withMessagesAroundTheCutoff(fresh));

        assertThat(Await.result(retention.purge(CUTOFF.minus(Duration.ofDays(1)), 10, deleted -> { }))).isZero();
        assertThat(count(fresh)).isEqualTo(30);
    }

    @DatabaseTest
    void aChunkIsDeletedWholeOnceItsNewestMessageIsOlderThanTheCutoff(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults().withFlushInterval(Duration.ofHours(1)));
        // One batch: a room's chunk that straddles the cut-off, and a room's chunk wholly before it.
        for (long id = 1; id <= 10; id++) {
            archive.offer(ArchivedMessage.room(id, "straddling", null, "alice", "line " + id,
                    CUTOFF.minusSeconds(5).plusSeconds(id)));
            archive.offer(ArchivedMessage.room(100 + id, "old", null, "bob", "line " + id,
                    CUTOFF.minusSeconds(30).plusSeconds(id)));
        }
        assertThat(archive.close(Duration.ofSeconds(20))).isZero();
        ChatRetention retention = new ChatRetention(database);

        assertThat(Await.result(retention.purge(CUTOFF, 10, deleted -> { }))).isEqualTo(10);
        assertThat(StoredChat.messagesById(fresh.direct())).extracting(ArchivedMessage::roomId).containsOnly("straddling")
                .hasSize(10);

        assertThat(Await.result(retention.purge(CUTOFF.plusSeconds(6), 10, deleted -> { }))).isEqualTo(10);
        assertThat(count(fresh)).isZero();
    }
}
