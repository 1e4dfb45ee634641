package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesOutputTest {

    private final List<String> lines = new ArrayList<>();
    private final JsonLinesOutput output = new JsonLinesOutput(lines::add);

    @Test
    void aLineHoldsNoCharacterATerminalWouldActOnYetReadsBackExactly() {
        String hostile = "\u001B[2J\u0007\u009B31m\u007F \u202Eevil\u2066\u2028 \uD83D\uDC69\u200D\uD83D\uDCBB";
        output.emit(JsonEvents.chat(ChatMessage.newBuilder().setScope(ChatScope.LOBBY).setFrom("eve").setText(hostile)
                .build()));

        String line = lines.get(0);
        assertThat(line.codePoints().filter(c -> c < 0x20 || c == 0x7F || TerminalText.isActedOn(c))).isEmpty();
        assertThat(line).contains("\\u001B[2J", "\\u0007", "\\u009B31m", "\\u007F", "\\u202Eevil", "\\u2066", "\\u2028",
                "\uD83D\uDC69\u200D\uD83D\uDCBB");
        assertThat(CliRun.JSON.readTree(line).path("text").asString()).isEqualTo(hostile);
    }
}
