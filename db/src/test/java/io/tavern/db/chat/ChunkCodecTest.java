package io.tavern.db.chat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A chunk's body gives back exactly the messages it was made of; a batch becomes a chunk per channel. */
class ChunkCodecTest {

    private static final Instant T0 = Instant.parse("2026-07-01T10:00:00.123Z");
    private static final long BIG_ID = (1L << 62) + 12_345;

    /** Encodes messages whose ids are all different. */
    private static List<ChatChunk> encode(ChatChannel channel, List<ArchivedMessage> messages) {
        List<ArchivedMessage> repeated = new ArrayList<>();
        List<ChatChunk> chunks = ChunkEncoder.encode(channel, messages, repeated);
        assertThat(repeated).isEmpty();
        return chunks;
    }

    private static List<ChatChunk> chunks(List<ArchivedMessage> batch) {
        List<ArchivedMessage> repeated = new ArrayList<>();
        List<ChatChunk> chunks = ChunkEncoder.chunks(batch, repeated);
        assertThat(repeated).isEmpty();
        return chunks;
    }

    private static List<ArchivedMessage> roundTrip(ChatChannel channel, List<ArchivedMessage> messages) {
        List<ChatChunk> chunks = encode(channel, messages);
        List<ArchivedMessage> decoded = new ArrayList<>();
        for (ChatChunk chunk : chunks) {
            List<ArchivedMessage> inChunk = ChunkDecoder.decode(ChatChannel.ofKey(chunk.channel().key()), chunk.body());
            assertThat(inChunk).isEqualTo(chunk.messages());
            assertThat(chunk.firstId()).isEqualTo(inChunk.get(0).id());
            assertThat(chunk.lastId()).isEqualTo(inChunk.get(inChunk.size() - 1).id());
            decoded.addAll(inChunk);
        }
        return decoded;
    }

    @Test
    void roomMessagesInAnyScriptAndOfTheLongestLengthComeBackAsTheyWere() {
        String longest = "ß🍺".repeat(ArchivedMessage.MAX_TEXT_LENGTH / 3) + "x"; // 4 000 UTF-16 units, 2 and 4 UTF-8 bytes
        List<ArchivedMessage> messages = List.of(
                ArchivedMessage.room(BIG_ID, "r-1", "Taverne Zum Löwen", "Ærwyn", "Grüße, 世界! 🍺 \"q\" \\N \t\r\n", T0),
                ArchivedMessage.room(BIG_ID + 1, "r-1", "Taverne Zum Löwen", "bob", longest, T0),
                ArchivedMessage.room(BIG_ID + 4_096, "r-1", null, "bob", "renamed to nothing", T0.plusMillis(1)),
                ArchivedMessage.room(BIG_ID + 4_097, "r-1", "New name", "bob", "", T0.minusMillis(5)),
                ArchivedMessage.room(BIG_ID + 4_098, "r-1", "New name", "Åsa", "e\u0301 \u202E \u200B", T0.plusSeconds(3)));
        assertThat(longest).hasSize(ArchivedMessage.MAX_TEXT_LENGTH);

        assertThat(roundTrip(ChatChannel.room("r-1"), messages)).isEqualTo(messages);
    }

    @Test
    void whispersKeepWhichPartySentThem() {
        List<ArchivedMessage> messages = List.of(
                ArchivedMessage.whisper(1, "Alice", "account:1", "Bob", "guest:9f", "hi bob", T0),
                ArchivedMessage.whisper(2, "Bob", "guest:9f", "Alice", "account:1", "hi alice", T0.plusMillis(1)),
                ArchivedMessage.whisper(3, "Bob", "guest:9f", "alice", "account:1", "again", T0.plusMillis(2)));

        assertThat(roundTrip(ChatChannel.whisper("guest:9f", "account:1"), messages)).isEqualTo(messages);
    }

    @Test
    void aWhisperToOneselfKeepsBothParties() {
        List<ArchivedMessage> messages = List.of(ArchivedMessage.whisper(5, "Alice", "account:1", "Alice", "account:1",
                "note to self", T0));

        assertThat(roundTrip(ChatChannel.whisper("account:1", "account:1"), messages)).isEqualTo(messages);
    }

    @Test
    void systemMessagesToEveryoneAndToARoomWithOrWithoutASender() {
        List<ArchivedMessage> everyone = List.of(
                ArchivedMessage.system(10, null, null, "maintenance at noon", T0),
                new ArchivedMessage(11, ChatScope.SYSTEM, null, null, "op-cli", null, null, null, "by an operator", T0));
        List<ArchivedMessage> toRoom = List.of(ArchivedMessage.system(12, "r-2", "Cellar", "closing soon", T0));

        assertThat(roundTrip(ChatChannel.system(), everyone)).isEqualTo(everyone);
        assertThat(roundTrip(ChatChannel.system("r-2"), toRoom)).isEqualTo(toRoom);
    }

    @Test
    void lobbyMessagesOfferedOutOfOrderAreStoredAscendingById() {
        ArchivedMessage second = ArchivedMessage.lobby(20, "bob", "second", T0);
        ArchivedMessage first = ArchivedMessage.lobby(19, "alice", "first", T0);

        assertThat(roundTrip(ChatChannel.lobby(), List.of(second, first))).containsExactly(first, second);
    }

    @Test
    void aChannelsShareOfABatchIsCutIntoChunksByBytesAndBySpan() {
        String kilobyte = "k".repeat(1_000);
        List<ArchivedMessage> big = LongStream.rangeClosed(1, 100)
                .mapToObj(id -> ArchivedMessage.room(id, "r-1", "Tavern", "carol", kilobyte, T0)).toList();
        List<ChatChunk> bySize = encode(ChatChannel.room("r-1"), big);
        assertThat(bySize).hasSizeGreaterThan(2)
                .allSatisfy(chunk -> assertThat(chunk.body().length).isLessThan(ChunkEncoder.MAX_BODY_BYTES + 1_100));
        assertThat(roundTrip(ChatChannel.room("r-1"), big)).isEqualTo(big);

        List<ArchivedMessage> slow = LongStream.rangeClosed(1, 5).mapToObj(id -> ArchivedMessage.room(id, "r-1", "Tavern",
                "carol", "line", T0.plus(Duration.ofSeconds(40).multipliedBy(id)))).toList();
        assertThat(encode(ChatChannel.room("r-1"), slow)).extracting(ChatChunk::count)
                .as("no chunk spans more than a minute").containsExactly(2, 2, 1);
    }

    @Test
    void aBatchBecomesAChunkPerChannelAndTheSameBatchTheSameChunks() {
        List<ArchivedMessage> batch = new ArrayList<>();
        for (long id = 1; id <= 60; id++) {
            batch.add(id % 3 == 0 ? ArchivedMessage.lobby(id, "alice", "l" + id, T0)
                    : ArchivedMessage.room(id, "r-" + (id % 3), "Room", "bob", "r" + id, T0));
        }

        List<ChatChunk> chunks = chunks(batch);
        List<ChatChunk> again = chunks(batch);

        assertThat(chunks).extracting(chunk -> chunk.channel().key()).containsExactly("ROOM:r-1", "ROOM:r-2", "LOBBY");
        assertThat(chunks).extracting(ChatChunk::count).containsExactly(20, 20, 20);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(Arrays.equals(chunks.get(i).body(), again.get(i).body())).isTrue();
            assertThat(again.get(i).lastId()).isEqualTo(chunks.get(i).lastId());
        }
    }

    @Test
    void aBodyThatIsNotAChunkIsRefused() {
        byte[] body = encode(ChatChannel.lobby(), List.of(ArchivedMessage.lobby(1, "alice", "hello", T0)))
                .get(0).body();

        assertThatThrownBy(() -> ChunkDecoder.decode(ChatChannel.lobby(), Arrays.copyOf(body, body.length - 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkDecoder.decode(ChatChannel.lobby(), new byte[] {9, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyChannelIsFoundAgainByItsKey() {
        for (ChatChannel channel : List.of(ChatChannel.lobby(), ChatChannel.system(), ChatChannel.system("r:1"),
                ChatChannel.room("a:b|c"), ChatChannel.whisper("guest:1", "account:2"))) {
            ChatChannel found = ChatChannel.ofKey(channel.key());
            assertThat(found).isEqualTo(channel);
            assertThat(found.id()).isEqualTo(channel.id());
        }
        assertThatThrownBy(() -> ChatChannel.ofKey("WHISPER:b|a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatChannel.ofKey("HALL")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageRepeatingAnIdOfItsChannelInTheBatchIsLeftOutForTheCallerToReport() {
        ArchivedMessage first = ArchivedMessage.lobby(7, "alice", "first", T0);
        ArchivedMessage again = ArchivedMessage.lobby(7, "mallory", "same id", T0);
        ArchivedMessage inARoom = ArchivedMessage.room(7, "r-1", "Tavern", "bob", "another channel, same id", T0);
        List<ArchivedMessage> repeated = new ArrayList<>();

        List<ChatChunk> chunks = ChunkEncoder.chunks(List.of(first, again, inARoom), repeated);

        assertThat(chunks).flatExtracting(ChatChunk::messages).containsExactly(first, inARoom);
        assertThat(repeated).containsExactly(again);
    }
}
