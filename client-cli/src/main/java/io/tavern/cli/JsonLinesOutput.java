package io.tavern.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints each event as one JSON object on one line. JSON escapes C0 controls itself (a line feed as
 * {@code \n}, ESC as a {@code \\u} escape); the other characters a terminal acts on
 * ({@link TerminalText#isActedOn}: C1 controls, bidirectional controls, line separators) and DEL are escaped
 * too, so that a JSON line read on a terminal is as safe as the human mode, while a JSON reader still gets
 * the text exactly as the server sent it.
 */
public final class JsonLinesOutput implements Output {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .characterEscapes(new TerminalEscapes()).build()).build();

    private final Consumer<String> lines;

    /** {@code lines} receives one complete line at a time and must be thread-safe. */
    public JsonLinesOutput(Consumer<String> lines) {
        this.lines = lines;
    }

    public static JsonLinesOutput to(PrintWriter out) {
        return new JsonLinesOutput(line -> {
            // One println per object under the stream's lock: lines from the event loop and the
            // command thread never interleave.
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
    }

    @Override
    public void emit(ObjectNode event) {
        lines.accept(MAPPER.writeValueAsString(event));
    }

    /** JSON's own escapes, and a {@code \\u} escape for DEL and what {@link TerminalText#isActedOn}. */
    private static final class TerminalEscapes extends CharacterEscapes {

        private static final int[] ASCII = standardAsciiEscapesForJSON();

        static {
            ASCII[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return TerminalText.isActedOn(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
