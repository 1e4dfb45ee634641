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
import io.tavern.client.DisconnectInfo;
import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class HumanOutputTest {

    private final List<AttributedString> printed = new ArrayList<>();
    private final SessionState state = new SessionState();
    private final HumanOutput output = new HumanOutput(printed::add, state, () -> 0,
            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

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
    void aChatLineFromTheNetworkNeverPrintsARawEscapeSequence() {
        output.emit(JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.LOBBY).setFrom("eve\u001B[0m")
                .setText("\u001B[2Jgotcha\u009B31m \u202Eevil").setSentAtMs(3_723_000).build()));

        assertThat(printed.get(0).toString()).isEqualTo("[01:02:03] eve^[[0m: ^[[2Jgotcha<U+009B>31m <U+202E>evil");
        assertThat(printed.get(0).toAnsi()).doesNotContain("\u001B[2J", "\u009B", "\u202E");
    }

    @Test
    void aKickReasonWithAnEscapeSequenceIsShownEscaped() {
        output.emit(JsonEvents.left("den", "kicked", "bob", "\u001B]0;owned\u0007bye"));

        assertThat(printed.get(0).toString()).isEqualTo("You were kicked from den by bob: ^[]0;owned^Gbye.");
    }

    @Test
    void aRefusalThatOnlyRepeatsItsHeadlineIsSaidOnce() {
        output.emit(JsonEvents.error(Error.newBuilder().setCode(ErrorCode.NAME_TAKEN)
                .setMessage("that name is not available").build()));
        output.emit(JsonEvents.error(Error.newBuilder().setCode(ErrorCode.NAME_TAKEN)
                .setMessage("'alice' is online already").build()));

        assertThat(printed.get(0).toString()).isEqualTo("! That name is not available. [NAME_TAKEN]");
        assertThat(printed.get(1).toString()).isEqualTo("! That name is not available. [NAME_TAKEN] 'alice' is online already");
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

        assertThat(printed).extracting(AttributedString::toString).containsExactly(
                "You are muted by mod-bea until 2030-01-01 00:00:00: caps lock.",
                "mod-bea lifted your mute; you can chat again.");
    }

    @Test
    void aRoomKickSaysWhoKickedAndWhy() {
        output.emit(JsonEvents.left("Vault", "kicked", "bob", "spamming"));
        output.emit(JsonEvents.left("den", "kicked", "bob", ""));

        assertThat(printed.get(0).toString()).isEqualTo("You were kicked from Vault by bob: spamming.");
        assertThat(printed.get(1).toString()).isEqualTo("You were kicked from den by bob.");
    }

    @Test
    void aClosedRoomSaysWhy() {
        output.emit(JsonEvents.left("den", "closed", null, "closed by ops"));

        assertThat(printed.get(0).toString()).isEqualTo("den was closed: closed by ops; you are back in the lobby.");
    }

    @Test
    void aRefusalForAMuteSaysUntilWhenAndWhyInLocalTime() {
        output.emit(JsonEvents.error(Error.newBuilder().setCode(ErrorCode.MUTED).setMessage("you are muted until 2026-03-01T12:10:00Z")
                .setUntilMs(Instant.parse("2026-03-01T12:10:00Z").toEpochMilli()).setReason("spamming").build()));
        output.emit(JsonEvents.error(Error.newBuilder().setCode(ErrorCode.MUTED).setMessage("you are muted").build()));

        assertThat(printed.get(0).toString()).isEqualTo("! You are muted until 2026-03-01 12:10 (in 10 min): spamming. [MUTED]");
        assertThat(printed.get(1).toString()).isEqualTo("! You are muted with no end set. [MUTED]");
    }

    @Test
    void aThrottledLoginSaysHowLongToWait() {
        output.emit(JsonEvents.error(Error.newBuilder().setCode(ErrorCode.TOO_MANY_ATTEMPTS)
                .setMessage("too many failed logins; try again later").setRetryAfterMs(299_500).build()));

        assertThat(printed.get(0).toString())
                .isEqualTo("! Too many attempts; try again in 5 min. [TOO_MANY_ATTEMPTS] too many failed logins; try again later");
    }

    @Test
    void aBanSaysByWhomAndWhyInOneLine() {
        Kicked notice = Kicked.newBuilder().setScope(KickScope.FROM_SERVER).setBy("mod-bea").setReason("wallhack").build();

        output.emit(JsonEvents.kicked(notice));
        output.emit(JsonEvents.disconnected(new DisconnectInfo(DisconnectReason.BANNED, "banned: wallhack", null, null),
                OperatorNotice.of(notice)));

        assertThat(printed).extracting(AttributedString::toString)
                .containsExactly("Disconnected: you were banned by mod-bea: wallhack (BANNED)");
    }

    @Test
    void aBanToldByItsModerationEventSaysByWhomUntilWhenAndWhyInOneLine() {
        ModerationEvent ban = ModerationEvent.newBuilder().setType(ModerationEvent.Type.BANNED)
                .setBy("mod-cal").setReason("wallhack").setUntilMs(1_893_456_000_000L).build();

        output.emit(JsonEvents.moderation(ban));
        output.emit(JsonEvents.disconnected(new DisconnectInfo(DisconnectReason.BANNED, "banned: wallhack", null, null),
                OperatorNotice.of(ban)));

        assertThat(printed).extracting(AttributedString::toString)
                .containsExactly("Disconnected: you were banned by mod-cal until 2030-01-01 00:00:00: wallhack (BANNED)");
    }

    @Test
    void aLostConnectionNeverShowsTheTransportsOwnText() {
        output.emit(JsonEvents.disconnected(new DisconnectInfo(DisconnectReason.NETWORK,
                "recvAddress(..) failed: Connection reset by peer", null, new java.io.IOException("recvAddress(..) failed")), null));

        assertThat(printed.get(0).toString())
                .isEqualTo("Disconnected: the connection was lost (NETWORK: reset by the network or the server)");
    }

    @Test
    void oneIsSingular() {
        output.emit(JsonEvents.history("lobby", null, List.of(ChatMessage.newBuilder().setScope(ChatScope.LOBBY)
                .setFrom("bob").setText("hi").setSentAtMs(0).build())));

        assertThat(printed.get(0).toString().lines().findFirst()).contains("-- last 1 message in the lobby --");
    }

    @Test
    void helpListsTheInteractiveCommandsWrappedAtWordBoundariesToTheWidth() {
        int width = 60;
        HumanOutput narrow = new HumanOutput(printed::add, state, () -> width);

        narrow.emit(JsonEvents.help(CommandCatalog.forInteractive()));

        List<String> lines = printed.get(0).toString().lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        String text = String.join(" ", lines).replaceAll("\\s+", " ");
        for (CommandCatalog command : CommandCatalog.forInteractive()) {
            assertThat(text).contains(command.summary());
        }
        assertThat(text).doesNotContain("/sleep").doesNotContain("/wait");
    }

    @Test
    void aLongLineBreaksBetweenWordsAtTheWidthAndKeepsItsStyles() {
        HumanOutput narrow = new HumanOutput(printed::add, state, () -> 40);

        narrow.emit(JsonEvents.error("CONNECT_FAILED",
                "nothing is listening on localhost:7778 — is the server running? (the game port is 7777 by default)"));

        AttributedString text = printed.get(0);
        assertThat(text.toString().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(text.toString().replace('\n', ' ')).isEqualTo("! Could not connect. [CONNECT_FAILED] nothing is listening on "
                + "localhost:7778 — is the server running? (the game port is 7777 by default)");
        assertThat(text.styleAt(0)).isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold());
    }
}
