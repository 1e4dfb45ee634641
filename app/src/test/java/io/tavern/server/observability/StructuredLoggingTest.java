package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.admin.AdminHttp;
import io.tavern.server.testing.RunningServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With Spring Boot's structured logging on, the events that matter come out as one JSON object a line. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void startUpAndShutdownAreOneEcsJsonLineEach(CapturedOutput output) {
        RunningServer server = RunningServer.start("logging.structured.format.console=ecs",
                "tavern.admin.token=" + AdminHttp.TOKEN);
        int gamePort = server.port();
        server.close();

        List<JsonNode> lines = output.getOut().lines()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .toList();
        JsonNode ready = only(lines, "Tavern ready");
        assertThat(ready.path("message").asString())
                .contains("game port " + gamePort).contains("transport").contains("HTTP port").contains("database");
        assertThat(ready.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(ready.path("@timestamp").asString()).isNotBlank();
        assertThat(only(lines, "shutting down").path("log").path("logger").asString()).endsWith("TavernServer");
        assertThat(only(lines, "game port closed")).isNotNull();
    }

    private static JsonNode only(List<JsonNode> lines, String text) {
        List<JsonNode> matching = lines.stream().filter(l -> l.path("message").asString().contains(text)).toList();
        assertThat(matching).as("one JSON line saying '%s'", text).hasSize(1);
        return matching.get(0);
    }
}
