package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ChatArchiveTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static ArchivedMessage roomMessage(int room, long id) {
        // Several messages per millisecond, as in a busy room.
        return ArchivedMessage.room(id, "room-" + room, "Room " + room, "user" + (id % 10), "room " + room + " message " + id,
                T0.plusMillis(id / 3));
    }

    private static ArchivedMessage lobbyMessage(long id) {
        return ArchivedMessage.lobby(id, "alice", "lobby message " + id, T0.plusMillis(id));
    }

    private static int storedCount(FreshDatabase fresh) {
        return (int) StoredChat.count(fresh.direct());
    }

    private static List<Long> storedIds(FreshDatabase fresh) {
        return StoredChat.messages(fresh.direct()).stream().map(ArchivedMessage::id).toList();
    }

    private static double counter(Database database, String name) {
        return database.meterRegistry().get(name).counter().count();
    }

    @DatabaseTest
    void everyMessageFromManyRoomsIsStoredExactlyOnceAndInEachRoomsOrder(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());
        int rooms = 200;
        int perRoom = 500;
        int producers = 4;

        // Each producer plays the serial executors of 50 rooms: their messages interleave, each room's in id order.
        ExecutorService roomThreads = Executors.newFixedThreadPool(producers);
        List<Future<Integer>> refusals = new ArrayList<>();
        for (int producer = 0; producer < producers; producer++) {
            int first = producer;
            refusals.add(roomThreads.submit(() -> {
                int refused = 0;
                for (long id = 1; id <= perRoom; id++) {
                    for (int room = first; room < rooms; room += producers) {
                        if (!archive.offer(roomMessage(room, id))) {
                            refused++;
                        }
                    }
                }
                return refused;
            }));
        }
        for (Future<Integer> refused : refusals) {
            assertThat(refused.get(60, TimeUnit.SECONDS)).as("offers refused").isZero();
        }
        roomThreads.shutdown();

        await().atMost(Duration.ofSeconds(90)).until(() -> storedCount(fresh) == rooms * perRoom);

        Map<String, Long> nextIdPerRoom = new HashMap<>();
        for (ArchivedMessage message : StoredChat.messages(fresh.direct())) {
            long expected = nextIdPerRoom.merge(message.roomId(), 1L, Long::sum);
            assertThat(message.id()).isEqualTo(expected);
            assertThat(message.text()).isEqualTo(message.roomId().replace("-", " ") + " message " + expected);
        }
        assertThat(nextIdPerRoom).hasSize(rooms).allSatisfy((room, last) -> assertThat(last).isEqualTo(perRoom));

        // Written in each room's order, too: a room's chunks, by last id, follow each other without a gap or an
        // overlap, so no batch held a message that an earlier batch of the same room should have come after.
        Map<String, Long> lastIdPerRoom = new HashMap<>();
        fresh.direct().query("SELECT channel_key, first_id, last_id, message_count FROM chat_chunk ORDER BY channel, last_id",
                (RowCallbackHandler) row -> {
                    String room = row.getString("channel_key");
                    long previous = lastIdPerRoom.getOrDefault(room, 0L);
                    assertThat(row.getLong("first_id")).as("first id after %d in %s", previous, room).isEqualTo(previous + 1);
                    assertThat(row.getLong("last_id") - row.getLong("first_id") + 1).isEqualTo(row.getInt("message_count"));
                    lastIdPerRoom.put(room, row.getLong("last_id"));
                });
        assertThat(archive.backlog()).isZero();
        assertThat(archive.healthy()).isTrue();
        assertThat(counter(database, "tavern.db.archive.written")).isEqualTo(rooms * perRoom);
    }

    @DatabaseTest
    void closingInTheMiddleOfATorrentLosesNoAcceptedMessage(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults()
                .withQueueBytes(5_000 * roomMessage(0, 1).estimatedBytes()).withMaxBatchSize(500));
        int producers = 4;
        int roomsPerProducer = 10;
        AtomicLongArray lastAccepted = new AtomicLongArray(producers * roomsPerProducer);
        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean closing = new AtomicBoolean();
        CountDownLatch producersDone = new CountDownLatch(producers);

        for (int producer = 0; producer < producers; producer++) {
            int firstRoom = producer * roomsPerProducer;
            Thread thread = new Thread(() -> {
                try {
                    long[] next = new long[roomsPerProducer];
                    java.util.Arrays.fill(next, 1);
                    while (true) {
                        for (int i = 0; i < roomsPerProducer; i++) {
                            int room = firstRoom + i;
                            if (archive.offer(roomMessage(room, next[i]))) {
                                lastAccepted.set(room, next[i]++);
                                accepted.incrementAndGet();
                            } else if (closing.get()) {
                                return;
                            } else {
                                Thread.yield(); // SERVER_BUSY: the same message is offered again later
                            }
                        }
                    }
                } finally {
                    producersDone.countDown();
                }
            }, "room-producer-" + producer);
            thread.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.get() >= 30_000);
        closing.set(true);
        int unwritten = archive.close(Duration.ofSeconds(20));
        assertThat(producersDone.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(unwritten).isZero();
        assertThat(storedCount(fresh)).isEqualTo(accepted.get());
        Map<String, long[]> perRoom = new HashMap<>();
        for (ArchivedMessage message : StoredChat.messages(fresh.direct())) {
            perRoom.merge(message.roomId(), new long[] {1, message.id(), message.id()}, (a, b) ->
                    new long[] {a[0] + 1, Math.min(a[1], b[1]), Math.max(a[2], b[2])});
        }
        for (int room = 0; room < lastAccepted.length(); room++) {
            long last = lastAccepted.get(room);
            if (last == 0) {
                // Every offer for this room met a full archive until the close: nothing accepted, nothing stored.
                assertThat(perRoom).as("room-%d, never accepted", room).doesNotContainKey("room-" + room);
            } else {
                assertThat(perRoom.get("room-" + room)).as("room-%d: count, min id, max id", room).containsExactly(last, 1, last);
            }
        }
        assertThat(archive.offer(roomMessage(0, 1_000_000))).as("an offer after close").isFalse();
    }

    @DatabaseTest
    void aFullArchiveRefusesTheOfferAtOnceAndKeepsEveryAcceptedMessage(FreshDatabase fresh) {
        Database database = fresh.open();
        // Room for ten messages of 2 000 characters, an hour's flush interval and batches larger than the
        // queue: nothing is written before close().
        List<ArchivedMessage> messages = LongStream.rangeClosed(1, 11)
                .mapToObj(id -> ArchivedMessage.lobby(id, "alice", "%02d".formatted(id) + "x".repeat(1_998), T0)).toList();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults()
                .withQueueBytes(10 * messages.get(0).estimatedBytes()).withMaxBatchSize(1_000)
                .withFlushInterval(Duration.ofHours(1)));
        for (int i = 0; i < 10; i++) {
            assertThat(archive.offer(messages.get(i))).isTrue();
        }

        // "At once": nothing is written before close(), so an offer that waited for room would never return;
        // the time-out only turns such a hang into a failure.
        boolean eleventh = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> archive.offer(messages.get(10)));

        assertThat(eleventh).isFalse();
        assertThat(archive.backlog()).isEqualTo(10);
        assertThat(archive.backlogBytes()).isEqualTo(archive.capacityBytes());
        assertThat(counter(database, "tavern.db.archive.refused")).isEqualTo(1);
        assertThat(storedCount(fresh)).isZero();

        assertThat(archive.close(Duration.ofSeconds(20))).isZero();
        assertThat(storedIds(fresh)).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    }

    @DatabaseTest
    void aLoneMessageIsWrittenWithinTheFlushInterval(FreshDatabase fresh) {
        ChatArchive archive = new ChatArchive(fresh.open(), ChatArchiveConfig.defaults());

        assertThat(archive.offer(lobbyMessage(1))).isTrue();

        await().atMost(Duration.ofSeconds(1)).until(() -> storedCount(fresh) == 1);
    }

    @DatabaseTest
    void aFullBatchIsWrittenWithoutWaitingForTheInterval(FreshDatabase fresh) {
        ChatArchive archive = new ChatArchive(fresh.open(), ChatArchiveConfig.defaults()
                .withMaxBatchSize(50).withFlushInterval(Duration.ofHours(1)));

        LongStream.rangeClosed(1, 60).forEach(id -> assertThat(archive.offer(lobbyMessage(id))).isTrue());

        await().atMost(Duration.ofSeconds(5)).until(() -> storedCount(fresh) == 50);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> storedCount(fresh) == 50);
        assertThat(archive.close(Duration.ofSeconds(20))).isZero();
        assertThat(storedCount(fresh)).isEqualTo(60);
    }

    @DatabaseTest
    void aBatchWrittenAgainAfterALostAcknowledgementIsStoredOnceAndCountsAsStored(FreshDatabase fresh) throws Exception {
        ArchiveBatchWriter writer = new ArchiveBatchWriter(fresh.open());
        // Three channels, as the flusher takes them from the queue; the retry encodes the batch again.
        List<ArchivedMessage> batch = LongStream.rangeClosed(1, 300).mapToObj(id -> id % 3 == 0 ? lobbyMessage(id)
                : id % 3 == 1 ? roomMessage(1, id) : ArchivedMessage.whisper(id, "Alice", "account:1", "Bob", "account:2",
                        "whisper " + id, T0.plusMillis(id))).toList();
        Await.result(writer.write(ChunkEncoder.chunks(List.of(lobbyMessage(1_000)), new ArrayList<>()))); // an earlier chunk

        assertThat(Await.result(writer.write(ChunkEncoder.chunks(batch, new ArrayList<>()))))
                .isEqualTo(BatchOutcome.allStored(300));
        assertThat(Await.result(writer.write(ChunkEncoder.chunks(batch, new ArrayList<>())))).as("the same batch again")
                .isEqualTo(BatchOutcome.allStored(300));

        assertThat(StoredChat.messagesById(fresh.direct())).containsExactlyElementsOf(
                java.util.stream.Stream.concat(batch.stream(), java.util.stream.Stream.of(lobbyMessage(1_000))).toList());
        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM chat_chunk", Integer.class))
                .as("a chunk per channel").isEqualTo(4);
    }

    @DatabaseTest
    void aChunkWhoseKeyIsTakenByAnotherIsAConflictNeverCountedAsWritten(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());
        LongStream.rangeClosed(1, 5).forEach(id -> archive.offer(lobbyMessage(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> storedCount(fresh) == 5);

        // What two nodes minting the same id used to do: another lobby message whose id ends a stored chunk
        // (lobby, last id 5), in a batch with messages of other channels.
        archive.offer(roomMessage(1, 6));
        archive.offer(ArchivedMessage.lobby(5, "mallory", "another message with id 5", T0.plusMillis(5)));
        archive.offer(roomMessage(2, 7));
        await().atMost(Duration.ofSeconds(10)).until(() -> archive.backlog() == 0);

        assertThat(counter(database, "tavern.db.archive.written")).isEqualTo(7);
        assertThat(counter(database, "tavern.db.archive.conflicts")).isEqualTo(1);
        assertThat(StoredChat.messagesById(fresh.direct())).extracting(ArchivedMessage::id)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(StoredChat.messagesById(fresh.direct()).get(4).text()).isEqualTo("lobby message 5");
    }

    @DatabaseTest
    void aMessageOfferedTwiceInOneBatchIsStoredOnceAndTheSecondIsAConflict(FreshDatabase fresh) {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());

        LongStream.rangeClosed(1, 3).forEach(id -> archive.offer(lobbyMessage(id)));
        archive.offer(ArchivedMessage.lobby(2, "mallory", "another message with id 2", T0.plusMillis(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> archive.backlog() == 0);

        assertThat(counter(database, "tavern.db.archive.written")).isEqualTo(3);
        assertThat(counter(database, "tavern.db.archive.conflicts")).isEqualTo(1);
        assertThat(StoredChat.messagesById(fresh.direct())).extracting(ArchivedMessage::text)
                .containsExactly("lobby message 1", "lobby message 2", "lobby message 3");
        assertThat(archive.offer(lobbyMessage(4))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> storedCount(fresh) == 4);
    }

    @DatabaseTest
    void aMessageTheDatabaseRefusesForGoodIsSetAsideAndTheRestAreStored(FreshDatabase fresh) {
        Database database = fresh.open();
        // A rule the archive knows nothing of, as a later migration or an operator might add. The database
        // sees chunks, so it refuses a chunk: here, the poisoned room's messages of the batch.
        fresh.direct().execute("ALTER TABLE chat_chunk ADD CONSTRAINT no_poison_ck CHECK (channel_key <> 'ROOM:poison')");
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());

        for (long id = 1; id <= 5; id++) {
            archive.offer(id == 3 ? ArchivedMessage.room(id, "poison", "Poison", "mallory", "hi", T0.plusMillis(id))
                    : lobbyMessage(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> storedCount(fresh) == 4);
        // The good chunks may commit before the refused one is counted as set aside: wait for both.
        await().atMost(Duration.ofSeconds(10)).until(() -> counter(database, "tavern.db.archive.invalid") >= 1);
        assertThat(StoredChat.messagesById(fresh.direct())).extracting(ArchivedMessage::id).containsExactly(1L, 2L, 4L, 5L);
        assertThat(counter(database, "tavern.db.archive.invalid")).isEqualTo(1);
        assertThat(archive.healthy()).isTrue();
        assertThat(archive.offer(lobbyMessage(6))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> storedCount(fresh) == 5);
    }

    @DatabaseTest
    void closingTheDatabaseWritesWhatTheArchiveHoldsBeforeThePoolCloses(FreshDatabase fresh) {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults().withFlushInterval(Duration.ofHours(1)));
        LongStream.rangeClosed(1, 25).forEach(id -> archive.offer(lobbyMessage(id)));

        database.close();

        assertThat(storedCount(fresh)).isEqualTo(25);
        assertThat(archive.offer(lobbyMessage(26))).isFalse();
    }
}
