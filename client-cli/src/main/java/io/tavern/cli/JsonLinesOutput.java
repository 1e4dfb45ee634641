package io.tavern.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Prints each event as one JSON object on one line (JSON escapes any newline in the text). */
public final class JsonLinesOutput implements Output {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
}
