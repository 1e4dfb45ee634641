package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class HumanOutputTest {

    private final List<AttributedString> printed = new ArrayList<>();
    private final SessionState state = new SessionState();
    private final HumanOutput output = new HumanOutput(printed::add, state, ZoneOffset.UTC);

    @Test
    void chatShowsTheServerTimeAndTheSenderInItsOwnStableColour() {
        output.emit(JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.ROOM).setFrom("bob")
                .setText("hi").setSentAtMs(3_723_000).build()));

        AttributedString line = printed.get(0);
        assertThat(line.toString()).isEqualTo("[01:02:03] bob: hi");
        AttributedStyle bobStyle = line.styleAt(line.toString().indexOf("bob"));
        assertThat(bobStyle).isEqualTo(UserColors.of("bob")).isEqualTo(UserColors.of("BOB"));
    }

    @Test
    void whispersNameTheViewerYou() {
        state.observe(JsonEvents.login(LoginOk.newBuilder().setUser("alice").build()));

        output.emit(JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.WHISPER).setFrom("bob").setTo("alice")
                .setText("psst").build()));

        assertThat(printed.get(0).toString()).endsWith("bob -> you (whisper): psst");
    }

    @Test
    void roomsAreAnAlignedTable() {
        output.emit(JsonEvents.rooms(RoomList.newBuilder()
                .addRooms(RoomSummary.newBuilder().setName("den").setMembers(3).setCapacity(8).setState(RoomState.OPEN).setOwner("bob"))
                .addRooms(RoomSummary.newBuilder().setName("great-hall").setMembers(12).setCapacity(16)
                        .setState(RoomState.IN_GAME).setHasPassword(true).setOwner("carol"))
                .build()));

        assertThat(printed.get(0).toString().lines()).containsExactly(
                "ROOM        PLAYERS  STATE    ACCESS    OWNER",
                "den         3/8      OPEN     open      bob",
                "great-hall  12/16    IN_GAME  password  carol");
    }

    @Test
    void errorsAreInPlainWordsWithTheirCode() {
        output.emit(JsonEvents.error(ErrorCode.ROOM_FULL.name(), "den is full"));

        assertThat(printed.get(0).toString()).isEqualTo("! That room is full. [ROOM_FULL] den is full");
    }

    @Test
    void theAckOfAChatLineIsNotShown() {
        output.emit(JsonEvents.ack("chat"));

        assertThat(printed).isEmpty();
    }

    @Test
    void aMuteSaysByWhomUntilWhenAndWhyAndItsLiftingSaysChatWorksAgain() {
        output.emit(JsonEvents.moderation(ModerationEvent.newBuilder().setType(ModerationEvent.Type.MUTED)
                .setBy("mod-bea").setReason("caps lock").setUntilMs(1_893_456_000_000L).build()));
        output.emit(JsonEvents.moderation(ModerationEvent.newBuilder().setType(ModerationEvent.Type.UNMUTED)
                .setBy("mod-bea").build()));
        output.emit(JsonEvents.moderation(ModerationEvent.newBuilder().setType(ModerationEvent.Type.BANNED)
                .setBy("mod-cal").build()));

        assertThat(printed).extracting(AttributedString::toString).containsExactly(
                "You are muted by mod-bea until 2030-01-01 00:00:00: caps lock",
                "mod-bea lifted your mute; you can chat again.",
                "You are banned by mod-cal for good.");
    }
}
