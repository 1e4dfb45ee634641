package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TerminalTextTest {

    @Test
    void anEscapeSequenceIsShownInCaretNotationNotRun() {
        assertThat(TerminalText.visible("\u001B[2J\u001B]0;title\u0007")).isEqualTo("^[[2J^[]0;title^G");
    }

    @Test
    void everyC0ControlAndDeleteHaveACaretForm() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(TerminalText.visible("a" + c + "b")).as("U+%04X", (int) c).matches("a\\^[@-_]b");
        }
        assertThat(TerminalText.visible("back\b\u007F")).isEqualTo("back^H^?");
        assertThat(TerminalText.visible("one\ntwo")).as("no line of its own").isEqualTo("one^Jtwo");
    }

    @Test
    void c1ControlsBidiControlsAndLineSeparatorsAreShownAsCodePoints() {
        assertThat(TerminalText.visible("\u009B2J")).isEqualTo("<U+009B>2J");
        assertThat(TerminalText.visible("invoice_\u202Etxt.exe")).isEqualTo("invoice_<U+202E>txt.exe");
        assertThat(TerminalText.visible("\u2066x\u2069\u200F\u2028")).isEqualTo("<U+2066>x<U+2069><U+200F><U+2028>");
    }

    @Test
    void everythingElseIsPrintedAsItIs() {
        String text = "Grüße, 東京 \uD83D\uDC69\u200D\uD83D\uDCBB \u2764\uFE0F <tag> ^[ not an escape";
        assertThat(TerminalText.visible(text)).isSameAs(text);
        assertThat(TerminalText.visible((String) null)).isNull();
    }

    @Test
    void everyStringOfAnEventIsMadeVisibleAtAnyDepthAndTheEventLeftAlone() {
        ObjectNode event = JsonEvents.typed("members");
        event.put("room", "den\u001B[31m");
        event.putArray("members").addObject().put("user", "bob\u0007").put("ready", true);
        event.putArray("names").add("x\u202Ey");

        ObjectNode shown = TerminalText.visible(event);

        assertThat(shown.toString()).doesNotContain("\u001B", "\u0007", "\u202E");
        assertThat(shown.path("room").asString()).isEqualTo("den^[[31m");
        assertThat(shown.path("members").get(0).path("user").asString()).isEqualTo("bob^G");
        assertThat(shown.path("members").get(0).path("ready").asBoolean()).isTrue();
        assertThat(shown.path("names").get(0).asString()).isEqualTo("x<U+202E>y");
        assertThat(event.path("room").asString()).isEqualTo("den\u001B[31m");
    }
}
