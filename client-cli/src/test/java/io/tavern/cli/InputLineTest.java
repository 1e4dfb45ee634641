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
    void roomOptionsReadNameCapacityPrivacyAndPassword() {
        CommandRunner.RoomOptions options = CommandRunner.RoomOptions.parse(
                List.of("den", "--max", "4", "--private", "--password", "pw"), true);

        assertThat(options).isEqualTo(new CommandRunner.RoomOptions("den", 4, true, true, "pw"));
        assertThat(CommandRunner.RoomOptions.parse(List.of("--max=6", "den", "--password"), true))
                .isEqualTo(new CommandRunner.RoomOptions("den", 6, false, true, null));
        assertThat(CommandRunner.RoomOptions.parse(List.of("den", "--password=x"), false).password()).isEqualTo("x");
    }

    @Test
    void roomOptionsRefuseWhatTheyDoNotKnow() {
        assertThatThrownBy(() -> CommandRunner.RoomOptions.parse(List.of(), true)).hasMessageContaining("which room");
        assertThatThrownBy(() -> CommandRunner.RoomOptions.parse(List.of("den", "--max", "many"), true)).hasMessageContaining("number");
        assertThatThrownBy(() -> CommandRunner.RoomOptions.parse(List.of("den", "--private"), false)).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> CommandRunner.RoomOptions.parse(List.of("den", "hall"), true)).hasMessageContaining("one room name");
    }
}
