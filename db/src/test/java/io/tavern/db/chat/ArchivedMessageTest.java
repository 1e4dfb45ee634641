package io.tavern.db.chat;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the table would refuse is refused when the message is made, before it can spoil a batch. */
class ArchivedMessageTest {

    private static final long LOBBY_ID = 3631728298395500402L;
    private static final long ROOM_R1_ID = 7768287260278688771L;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456789Z");

    @Test
    void sentAtIsKeptToTheMillisecondAsOnTheWire() {
        assertThat(ArchivedMessage.lobby(1, "alice", "hi", NOW).sentAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123Z"));
    }

    @Test
    void eachScopeBelongsToItsOwnChannel() {
        assertThat(ArchivedMessage.lobby(1, "alice", "hi", NOW).channel()).isEqualTo(ChatChannel.lobby());
        assertThat(ArchivedMessage.room(1, "r-1", "Tavern", "alice", "hi", NOW).channel()).isEqualTo(ChatChannel.room("r-1"));
        assertThat(ArchivedMessage.whisper(1, "Alice", "guest:a", "bob", "account:7", "hi", NOW).channel())
                .isEqualTo(ChatChannel.whisper("account:7", "guest:a"))
                .hasToString("WHISPER:account:7|guest:a");
        assertThat(ArchivedMessage.system(1, null, null, "restart at noon", NOW).channel()).isEqualTo(ChatChannel.system());
        assertThat(ArchivedMessage.system(1, "r-1", "Tavern", "closing", NOW).channel()).isEqualTo(ChatChannel.system("r-1"));
        assertThat(ChatChannel.room("r-1")).isNotEqualTo(ChatChannel.system("r-1"));
    }

    @Test
    void aChannelIdIsAFixedHashOfItsKeySoStoredRowsKeepTheirChannelAcrossVersions() {
        // Pinned: every stored row carries these; a change here orphans the archive.
        assertThat(ChatChannel.lobby().id()).isEqualTo(ChatChannel.idOfKey("LOBBY")).isEqualTo(LOBBY_ID);
        assertThat(ChatChannel.room("r-1").id()).isEqualTo(ROOM_R1_ID);
        assertThat(ChatChannel.whisper("guest:b", "account:1").id()).isEqualTo(ChatChannel.idOfKey("WHISPER:account:1|guest:b"));
        assertThat(ChatChannel.room("r-1").id()).isNotEqualTo(ChatChannel.system("r-1").id());
    }

    @Test
    void emptyOptionalFieldsFromTheWireBecomeAbsent() {
        ArchivedMessage system = new ArchivedMessage(1, ChatScope.SYSTEM, "", "", "", "", "", "", "hello", NOW);

        assertThat(system.roomId()).isNull();
        assertThat(system.sender()).isNull();
        assertThat(system.recipient()).isNull();
    }

    @Test
    void aMessageTheTableWouldRefuseIsRefusedHere() {
        assertThatThrownBy(() -> ArchivedMessage.room(1, null, null, "alice", "hi", NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ArchivedMessage.room(1, "r".repeat(65), null, "alice", "hi", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchivedMessage.whisper(1, "alice", "guest:a", null, "guest:b", "hi", NOW))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ArchivedMessage.whisper(1, "alice", null, "bob", "guest:b", "hi", NOW))
                .as("a whisper without its sender's identity").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ArchivedMessage.lobby(1, null, "hi", NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ArchivedMessage.lobby(1, "alice", "x".repeat(4001), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchivedMessage.lobby(1, "alice", "nul\0byte", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new ArchivedMessage(1, ChatScope.LOBBY, "r-1", null, "alice", null, null, null, "hi", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArchivedMessage(1, ChatScope.LOBBY, null, null, "alice", null, "guest:a", null, "hi", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
