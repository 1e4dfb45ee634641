package io.tavern.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the CLI in this JVM with a script file, and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static CliRun script(Path dir, String script, String... args) throws IOException {
        Path file = Files.createTempFile(dir, "script", ".txt");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--script");
        all.add(file.toString());
        return run(all.toArray(String[]::new));
    }

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TavernCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Every output line parsed as JSON; fails on a line that is not one JSON object. */
    List<JsonNode> events() {
        return out.lines().map(JSON::readTree).peek(node -> {
            if (!node.isObject() || !node.has("type")) {
                throw new AssertionError("not an event line: " + node);
            }
        }).collect(Collectors.toList());
    }

    List<JsonNode> ofType(String type) {
        return events().stream().filter(e -> e.path("type").asString().equals(type)).toList();
    }

    JsonNode last() {
        List<JsonNode> events = events();
        return events.get(events.size() - 1);
    }
}
