package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With Spring Boot's structured logging on, the events that matter come out as one JSON object a line.
 *
 * <p>The packaged server in a process of its own, as an operator runs it: Spring Boot's logging system is one
 * per JVM (initialised by the first application context, kept while any context lives, its settings left in
 * system properties), so a test JVM that has run other servers cannot show what a fresh one logs.
 */
class StructuredLoggingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void everyLineIsOneEcsJsonObjectAndStartUpAndShutdownAreOneLineEach() throws Exception {
        List<String> output;
        int gamePort;
        try (ServerProcess server = ServerProcess.start(Path.of("target", "it-logs", "structured-logging.log"),
                "logging.structured.format.console=ecs", "tavern.db.embedded-dir=" + dataDir)) {
            server.awaitReady(READY);
            gamePort = server.gamePort();
            assertThat(server.terminate(Duration.ofSeconds(60))).isIn(0, 128 + 15);
            output = server.log().lines().filter(line -> !line.isBlank()).toList();
        }

        assertThat(output).as("the server's whole output").isNotEmpty()
                .allSatisfy(line -> assertThat(line).as("a JSON object").startsWith("{").endsWith("}"));
        List<JsonNode> lines = output.stream().map(JSON::readTree).toList();
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("@timestamp").asString()).isNotBlank();
            assertThat(line.path("log").path("level").asString()).isNotBlank();
            assertThat(line.path("message").isString()).isTrue();
        });
        JsonNode ready = only(lines, "Tavern ready");
        assertThat(ready.path("message").asString())
                .contains("game port " + gamePort).contains("transport").contains("HTTP port").contains("database");
        assertThat(ready.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(only(lines, "shutting down").path("log").path("logger").asString()).endsWith("TavernServer");
        assertThat(only(lines, "game port closed")).isNotNull();
    }

    private static JsonNode only(List<JsonNode> lines, String text) {
        List<JsonNode> matching = lines.stream().filter(l -> l.path("message").asString().contains(text)).toList();
        assertThat(matching).as("one JSON line saying '%s'", text).hasSize(1);
        return matching.get(0);
    }
}
