package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatHistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.000Z");

    /** Writes messages through the production path, the archive, and waits until all are stored. */
    private static void archive(Database database, List<ArchivedMessage> messages) {
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults());
        messages.forEach(message -> assertThat(archive.offer(message)).isTrue());
        assertThat(archive.close(Duration.ofSeconds(20))).as("messages left unwritten").isZero();
    }

    /** Reads a channel's whole history, page after page, as a client would. */
    private static List<ArchivedMessage> readAllPages(ChatHistoryStore history, ChatChannel channel, int limit,
                                                      List<Integer> pageSizes) throws Exception {
        List<ArchivedMessage> read = new ArrayList<>();
        String cursor = null;
        do {
            HistoryPage page = Await.result(history.page(channel, cursor, limit));
            read.addAll(page.messages());
            pageSizes.add(page.messages().size());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return read;
    }

    @DatabaseTest
    void pagingNeitherSkipsNorRepeatsMessagesThatShareAMillisecond(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        List<ArchivedMessage> messages = new ArrayList<>();
        // 20 older messages a millisecond apart, 250 in one millisecond, 20 newer ones a millisecond apart.
        for (long id = 1; id <= 290; id++) {
            Instant sentAt = id <= 20 ? T0.minusMillis(21 - id) : id <= 270 ? T0 : T0.plusMillis(id - 270);
            messages.add(ArchivedMessage.room(id, "r-1", "Tavern", "user" + (id % 7), "message " + id, sentAt));
        }
        archive(database, messages);
        ChatHistoryStore history = new ChatHistoryStore(database);

        List<Integer> pageSizes = new ArrayList<>();
        List<ArchivedMessage> read = readAllPages(history, ChatChannel.room("r-1"), 7, pageSizes);

        assertThat(read).extracting(ArchivedMessage::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 290).map(i -> 291 - i).boxed().toList());
        assertThat(pageSizes).hasSize(42).allMatch(size -> size <= 7);
        assertThat(pageSizes.subList(0, 41)).allMatch(size -> size == 7);
    }

    @DatabaseTest
    void aPageThatEndsTheHistoryExactlyHasNoCursor(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        archive(database, LongStream.rangeClosed(1, 10)
                .mapToObj(id -> ArchivedMessage.lobby(id, "alice", "hi " + id, T0.plusMillis(id))).toList());
        ChatHistoryStore history = new ChatHistoryStore(database);

        HistoryPage first = Await.result(history.page(ChatChannel.lobby(), null, 5));
        HistoryPage last = Await.result(history.page(ChatChannel.lobby(), first.nextCursor().orElseThrow(), 5));

        assertThat(first.messages()).extracting(ArchivedMessage::id).containsExactly(10L, 9L, 8L, 7L, 6L);
        assertThat(last.messages()).extracting(ArchivedMessage::id).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(last.nextCursor()).isEmpty();
        assertThat(Await.result(history.page(ChatChannel.lobby(), null, 100)).nextCursor()).isEmpty();
    }

    @DatabaseTest
    void aNewRoomWithAnOldRoomsNameDoesNotSeeTheOldRoomsMessages(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        archive(database, List.of(
                ArchivedMessage.room(1, "r-old", "Tavern", "alice", "from the old room", T0),
                ArchivedMessage.room(2, "r-old", "Tavern", "bob", "last words", T0.plusMillis(1))));
        ChatHistoryStore history = new ChatHistoryStore(database);

        assertThat(Await.result(history.page(ChatChannel.room("r-new"), null, 50)).messages()).isEmpty();

        archive(database, List.of(ArchivedMessage.room(1, "r-new", "Tavern", "carol", "first!", T0.plusSeconds(60))));
        assertThat(Await.result(history.page(ChatChannel.room("r-new"), null, 50)).messages())
                .extracting(ArchivedMessage::text).containsExactly("first!");
        assertThat(Await.result(history.page(ChatChannel.room("r-old"), null, 50)).messages())
                .extracting(ArchivedMessage::text).containsExactly("last words", "from the old room");
    }

    @DatabaseTest
    void theWhispersBetweenTwoPartiesReadTheSameFromEitherSide(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        archive(database, List.of(
                ArchivedMessage.whisper(1, "Alice", "account:1", "Bob", "account:2", "psst", T0),
                ArchivedMessage.whisper(2, "Bob", "account:2", "Alice", "account:1", "what?", T0.plusMillis(5)),
                ArchivedMessage.whisper(3, "Alice", "account:1", "Carol", "guest:c", "not for Bob", T0.plusMillis(7))));
        ChatHistoryStore history = new ChatHistoryStore(database);

        HistoryPage asAlice = Await.result(history.page(ChatChannel.whisper("account:1", "account:2"), null, 10));
        HistoryPage asBob = Await.result(history.page(ChatChannel.whisper("account:2", "account:1"), null, 10));

        assertThat(asAlice.messages()).extracting(ArchivedMessage::text).containsExactly("what?", "psst");
        assertThat(asBob).isEqualTo(asAlice);
    }

    @DatabaseTest
    void whispersBelongToThePartiesIdentitiesNotToTheirNames(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        // Guest "wb" of one session gets a whisper; a later guest "wb" is another party.
        archive(database, List.of(ArchivedMessage.whisper(1, "wa", "guest:first-wa", "wb", "guest:first-wb", "secret", T0)));
        ChatHistoryStore history = new ChatHistoryStore(database);

        assertThat(Await.result(history.page(ChatChannel.whisper("guest:second-wb", "guest:first-wa"), null, 10))
                .messages()).isEmpty();
        assertThat(Await.result(history.page(ChatChannel.whisper("guest:first-wb", "guest:first-wa"), null, 10))
                .messages()).extracting(ArchivedMessage::text).containsExactly("secret");
    }

    @DatabaseTest
    void theLobbyHistoryHoldsOnlyLobbyMessages(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        archive(database, List.of(
                ArchivedMessage.lobby(1, "alice", "hello lobby", T0),
                ArchivedMessage.room(2, "r-1", "Tavern", "alice", "hello room", T0),
                ArchivedMessage.whisper(1, "alice", "account:1", "bob", "account:2", "hello bob", T0),
                ArchivedMessage.system(3, null, null, "maintenance at noon", T0)));

        HistoryPage lobby = Await.result(new ChatHistoryStore(database).page(ChatChannel.lobby(), null, 10));

        assertThat(lobby.messages()).extracting(ArchivedMessage::text).containsExactly("hello lobby");
    }

    @DatabaseTest
    void aMessageReadsBackAsItWasArchived(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        ArchivedMessage message = ArchivedMessage.room(42, "r-1", "Ye Olde Tavern", "Alice",
                "Grüße, 世界! 🍺 \"quoted\" 'and' ; DROP TABLE chat_message; -- C:\\N \\t\ttab\r\nline", T0.plusMillis(123));
        archive(database, List.of(message));

        HistoryPage page = Await.result(new ChatHistoryStore(database).page(ChatChannel.room("r-1"), null, 1));

        assertThat(page.messages()).containsExactly(message);
    }

    @DatabaseTest
    void aForeignCursorOrAnOversizedPageIsRefusedAtTheCall(FreshDatabase fresh) {
        ChatHistoryStore history = new ChatHistoryStore(fresh.open());

        assertThatThrownBy(() -> history.page(ChatChannel.lobby(), "bm90IGEgY3Vyc29y", 10))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> history.page(ChatChannel.lobby(), null, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.page(ChatChannel.lobby(), null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(history.page(ChatChannel.lobby(), "", 100)).succeedsWithin(java.time.Duration.ofSeconds(10))
                .isEqualTo(new HistoryPage(List.of(), Optional.empty()));
    }

    @DatabaseTest
    void pagesCrossChunkBoundariesNeitherSkippingNorRepeating(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        // Batches of 10 messages: the room's history is 23 chunks, and pages of 7 start and end inside them.
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults().withMaxBatchSize(10));
        for (long id = 1; id <= 230; id++) {
            assertThat(archive.offer(ArchivedMessage.room(id, "r-1", "Tavern", "alice", "message " + id, T0.plusMillis(id))))
                    .isTrue();
            if (id % 10 == 0) {
                long stored = id;
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> StoredChat.count(fresh.direct()) == stored);
            }
        }
        assertThat(archive.close(Duration.ofSeconds(20))).isZero();
        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM chat_chunk", Integer.class)).isEqualTo(23);

        List<Integer> pageSizes = new ArrayList<>();
        List<ArchivedMessage> read = readAllPages(new ChatHistoryStore(database), ChatChannel.room("r-1"), 7, pageSizes);

        assertThat(read).extracting(ArchivedMessage::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 230).map(i -> 231 - i).boxed().toList());
        assertThat(pageSizes).hasSize(33);
    }

    @DatabaseTest
    void chunksOfTwoNodesWhoseIdsInterleaveArePagedInIdOrder(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        // Two nodes' archives write the lobby: each node's chunk spans the other's ids.
        List<ArchivedMessage> even = new ArrayList<>();
        List<ArchivedMessage> odd = new ArrayList<>();
        for (long id = 1; id <= 40; id++) {
            (id % 2 == 0 ? even : odd).add(ArchivedMessage.lobby(id, id % 2 == 0 ? "eve" : "otto", "line " + id,
                    T0.plusMillis(id)));
        }
        archive(database, even);
        archive(database, odd);

        List<ArchivedMessage> read = readAllPages(new ChatHistoryStore(database), ChatChannel.lobby(), 6, new ArrayList<>());

        assertThat(read).extracting(ArchivedMessage::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).map(i -> 41 - i).boxed().toList());
    }

    @DatabaseTest
    void aQuietChannelWithAMessagePerChunkPagesWholePages(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        // Two minutes apart, each message is a chunk of its own (a chunk spans at most a minute).
        archive(database, LongStream.rangeClosed(1, 120).mapToObj(id -> ArchivedMessage.room(id, "quiet", "Quiet", "alice",
                "line " + id, T0.plus(Duration.ofMinutes(2 * id)))).toList());
        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM chat_chunk", Integer.class)).isEqualTo(120);

        List<Integer> pageSizes = new ArrayList<>();
        List<ArchivedMessage> read = readAllPages(new ChatHistoryStore(database), ChatChannel.room("quiet"), 50, pageSizes);

        assertThat(read).extracting(ArchivedMessage::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 120).map(i -> 121 - i).boxed().toList());
        assertThat(pageSizes).containsExactly(50, 50, 20);
    }
}
