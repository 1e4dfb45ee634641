package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputLineTest {

    @Test
    void plainTextIsChatAsTyped() {
        assertThat(InputLine.parse("  it's \"quoted\" \\ and !bang  ")).isEqualTo(new InputLine.Chat("it's \"quoted\" \\ and !bang"));
    }

    @Test
    void aDoubleSlashSaysALineThatStartsWithASlash() {
        assertThat(InputLine.parse("//shrug")).isEqualTo(new InputLine.Chat("/shrug"));
    }

    @Test
    void aBlankLineIsNothing() {
        assertThat(InputLine.parse("   ")).isInstanceOf(InputLine.Blank.class);
    }

    @Test
    void aCommandSplitsItsArgumentsAndKeepsFreeTextSpacing() {
        InputLine.Command command = (InputLine.Command) InputLine.parse("/W  bob   two  spaces  kept");

        assertThat(command.name()).isEqualTo("/w");
        assertThat(command.args()).containsExactly("bob", "two", "spaces", "kept");
        assertThat(command.textAfter(1)).isEqualTo("two  spaces  kept");
        assertThat(command.textAfter(4)).isEmpty();
        assertThat(command.arg(9)).isNull();
    }

    @Test
    void doubleQuotesKeepAnArgumentInOnePieceSpacesAndAll() {
        InputLine.Command command = (InputLine.Command) InputLine.parse("/join \"My  Room\" --password \"two words\"");

        assertThat(command.args()).containsExactly("My  Room", "--password", "two words");
        assertThat(((InputLine.Command) InputLine.parse("/join \"unclosed quote")).args()).containsExactly("unclosed quote");
        assertThat(((InputLine.Command) InputLine.parse("/kick bob \"you know\" why")).textAfter(1)).isEqualTo("\"you know\" why");
    }

    @Test
    void aLineWithAPasswordOptionIsKnownToCarryAPasswordWhateverItsSpelling() {
        assertThat(carriesPassword("/join vault --password hunter2")).isTrue();
        assertThat(carriesPassword("/create \"My Room\" --password=hunter2")).isTrue();
        assertThat(carriesPassword("/JOIN vault --PASSWD hunter2")).isTrue();
        assertThat(carriesPassword("/join vault")).isFalse();
        assertThat(InputLine.parse("my --password is not a command")).isInstanceOf(InputLine.Chat.class);
    }

    private static boolean carriesPassword(String line) {
        return ((InputLine.Command) InputLine.parse(line)).carriesPassword();
    }

    @Test
    void roomArgumentsReadNameCapacityPrivacyAndPassword() {
        assertThat(RoomArguments.parse(List.of("den", "--max", "4", "--private", "--password", "pw"), true))
                .isEqualTo(new RoomArguments("den", 4, true, true, "pw"));
        assertThat(RoomArguments.parse(List.of("--max=6", "den", "--password"), true))
                .isEqualTo(new RoomArguments("den", 6, false, true, null));
        assertThat(RoomArguments.parse(List.of("den", "--password=x"), false).password()).isEqualTo("x");
    }

    @Test
    void aRoomNameIsEveryWordThatIsNoOptionSoItMayHoldSpaces() {
        assertThat(RoomArguments.parse(List.of("My", "Room"), false).name()).isEqualTo("My Room");
        assertThat(RoomArguments.parse(List.of("My", "Room", "--max", "4"), true))
                .isEqualTo(new RoomArguments("My Room", 4, false, false, null));
        assertThat(RoomArguments.parse(List.of("The  Inn", "--password", "x"), false))
                .isEqualTo(new RoomArguments("The  Inn", 0, false, true, "x"));
    }

    @Test
    void roomArgumentsRefuseWhatTheyDoNotKnow() {
        assertThatThrownBy(() -> RoomArguments.parse(List.of(), true)).hasMessageContaining("which room");
        assertThatThrownBy(() -> RoomArguments.parse(List.of("den", "--max", "many"), true)).hasMessageContaining("number");
        assertThatThrownBy(() -> RoomArguments.parse(List.of("den", "--private"), false)).hasMessageContaining("unknown option");
    }

    @Test
    void roomArgumentsNeverShowThePassword() {
        assertThat(RoomArguments.parse(List.of("den", "--password", "hunter2"), false).toString()).doesNotContain("hunter2");
    }
}
