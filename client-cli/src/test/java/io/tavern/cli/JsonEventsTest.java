package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectInfo;
import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.protocol.v1.RoomEvent;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The JSON contract of the scripted mode, field by field. */
class JsonEventsTest {

    @Test
    void aRoomChatCarriesScopeRoomSenderTextIdAndAnIsoTimestamp() {
        ObjectNode chat = JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.ROOM).setRoomName("den")
                .setFrom("bob").setText("hi").setId(123).setSentAtMs(1_700_000_000_123L).build());

        assertThat(chat.toString()).isEqualTo(
                "{\"type\":\"chat\",\"scope\":\"room\",\"room\":\"den\",\"from\":\"bob\",\"text\":\"hi\",\"id\":123,"
                        + "\"sentAt\":\"2023-11-14T22:13:20.123Z\"}");
    }

    @Test
    void lobbyAndSystemChatHaveANullRoomAndAWhisperNamesItsRecipient() {
        ObjectNode lobby = JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.LOBBY).setFrom("a").build());
        ObjectNode system = JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.SYSTEM).build());
        ObjectNode whisper = JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.WHISPER).setFrom("a").setTo("b").build());

        assertThat(lobby.get("room").isNull()).isTrue();
        assertThat(system.get("scope").asString()).isEqualTo("system");
        assertThat(whisper.get("scope").asString()).isEqualTo("whisper");
        assertThat(whisper.get("to").asString()).isEqualTo("b");
    }

    @Test
    void roomEventsBecomeMemberGameOrLeftEvents() {
        assertThat(member(RoomEventType.MEMBER_JOINED, false)).isEqualTo("member den bob joined");
        assertThat(member(RoomEventType.MEMBER_LEFT, false)).isEqualTo("member den bob left");
        assertThat(member(RoomEventType.MEMBER_KICKED, false)).isEqualTo("member den bob kicked");
        assertThat(member(RoomEventType.READY_CHANGED, true)).isEqualTo("member den bob ready");
        assertThat(member(RoomEventType.READY_CHANGED, false)).isEqualTo("member den bob unready");
        assertThat(member(RoomEventType.OWNER_CHANGED, false)).isEqualTo("member den bob owner");
        assertThat(JsonEvents.roomEvent(event(RoomEventType.GAME_STARTED, false)).toString())
                .isEqualTo("{\"type\":\"game\",\"room\":\"den\",\"event\":\"started\"}");
        assertThat(JsonEvents.roomEvent(event(RoomEventType.GAME_ENDED, false)).get("event").asString()).isEqualTo("ended");
        ObjectNode closed = JsonEvents.roomEvent(event(RoomEventType.ROOM_CLOSED, false));
        assertThat(closed.get("type").asString()).isEqualTo("left");
        assertThat(closed.get("reason").asString()).isEqualTo("closed");
    }

    private static String member(RoomEventType type, boolean ready) {
        ObjectNode node = JsonEvents.roomEvent(event(type, ready));
        return String.join(" ", node.get("type").asString(), node.get("room").asString(), node.get("user").asString(),
                node.get("event").asString());
    }

    private static RoomEvent event(RoomEventType type, boolean ready) {
        return RoomEvent.newBuilder().setType(type).setRoomName("den").setUser("bob").setReady(ready).build();
    }

    @Test
    void roomsListNameMembersCapacityStateAndPrivacy() {
        ObjectNode rooms = JsonEvents.rooms(RoomList.newBuilder().addRooms(RoomSummary.newBuilder()
                .setName("den").setMembers(3).setCapacity(8).setState(RoomState.OPEN).setPrivate(false)).build());

        ObjectNode room = (ObjectNode) rooms.get("rooms").get(0);
        assertThat(room.get("name").asString()).isEqualTo("den");
        assertThat(room.get("members").asInt()).isEqualTo(3);
        assertThat(room.get("capacity").asInt()).isEqualTo(8);
        assertThat(room.get("state").asString()).isEqualTo("OPEN");
        assertThat(room.get("private").asBoolean()).isFalse();
    }

    @Test
    void errorsAndDisconnectsCarryTheirCodes() {
        assertThat(JsonEvents.error(Error.newBuilder().setCode(ErrorCode.ROOM_FULL).setMessage("den is full").build()).toString())
                .isEqualTo("{\"type\":\"error\",\"code\":\"ROOM_FULL\",\"message\":\"den is full\"}");
        ObjectNode disconnected = JsonEvents.disconnected(new DisconnectInfo(DisconnectReason.SLOW_CONSUMER, "behind", null, null), null);
        assertThat(disconnected.get("reason").asString()).isEqualTo("SLOW_CONSUMER");
    }

    @Test
    void historyListsTheMessagesOldestFirst() {
        ObjectNode history = JsonEvents.history("room", "den", List.of(
                ChatMessage.newBuilder().setId(2).setText("second").build(),
                ChatMessage.newBuilder().setId(1).setText("first").build()));

        assertThat(history.get("messages")).extracting(m -> m.get("text").asString()).containsExactly("first", "second");
    }

    @Test
    void aModerationEventSaysWhatByWhomUntilWhenAndWhy() {
        ObjectNode muted = JsonEvents.moderation(ModerationEvent.newBuilder().setType(ModerationEvent.Type.MUTED)
                .setBy("mod-bea").setReason("caps lock").setUntilMs(1_700_000_000_123L).build());
        ObjectNode banned = JsonEvents.moderation(ModerationEvent.newBuilder().setType(ModerationEvent.Type.BANNED)
                .setBy("mod-bea").build());
        ObjectNode unmuted = JsonEvents.moderation(ModerationEvent.newBuilder().setType(ModerationEvent.Type.UNMUTED)
                .setBy("mod-cal").build());

        assertThat(muted.toString()).isEqualTo("{\"type\":\"moderation\",\"event\":\"muted\",\"by\":\"mod-bea\","
                + "\"until\":\"2023-11-14T22:13:20.123Z\",\"reason\":\"caps lock\"}");
        assertThat(banned.get("until").isNull()).as("permanent").isTrue();
        assertThat(banned.get("reason").isNull()).isTrue();
        assertThat(unmuted.toString()).isEqualTo("{\"type\":\"moderation\",\"event\":\"unmuted\",\"by\":\"mod-cal\","
                + "\"reason\":null}");
    }
}
