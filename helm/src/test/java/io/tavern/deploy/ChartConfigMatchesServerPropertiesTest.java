package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spring Boot ignores configuration keys it does not know, so a chart key the server has renamed
 * would be dropped without a word. Every {@code tavern.*} key the chart can write must therefore
 * name a component of the server's {@code @ConfigurationProperties("tavern")} record tree.
 */
class ChartConfigMatchesServerPropertiesTest {

    @Test
    void everyTavernKeyTheSchemaAllowsIsAServerProperty() throws IOException {
        String properties = serverProperties();
        JsonNode schema = new ObjectMapper().readTree(Repository.chart().resolve("values.schema.json").toFile());
        JsonNode tavern = schema.at("/properties/config/properties/tavern");
        assertThat(tavern.isMissingNode()).as("config.tavern in values.schema.json").isFalse();

        List<String> keys = new ArrayList<>();
        collectKeys(tavern, "tavern", keys);
        List<String> unknown = keys.stream().filter(key -> !isComponent(properties, lastSegment(key))).toList();

        assertThat(keys).as("keys under config.tavern").hasSizeGreaterThan(20);
        assertThat(unknown).as("chart keys the server would silently ignore").isEmpty();
    }

    @Test
    void theKeysTheChartDerivesFromOtherValuesAreServerPropertiesToo() throws IOException {
        String properties = serverProperties();
        for (String key : List.of("tavern.net.port", "tavern.shutdown.network-drain", "tavern.shutdown.network-close",
                "tavern.shutdown.http-drain", "tavern.shutdown.logic-drain", "tavern.shutdown.hash-drain",
                "tavern.shutdown.node-release", "tavern.shutdown.archive-flush", "tavern.shutdown.database-drain",
                "tavern.db.pool-size",
                "tavern.db.embedded-dir", "tavern.admin.enabled", "tavern.admin.operators-file",
                "tavern.admin.generated-token-file")) {
            assertThat(isComponent(properties, lastSegment(key))).as(key).isTrue();
        }
    }

    private static void collectKeys(JsonNode objectSchema, String path, List<String> keys) {
        JsonNode properties = objectSchema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = path + "." + field.getKey();
            keys.add(key);
            collectKeys(field.getValue(), key, keys);
        }
    }

    private static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** A record component such as {@code int maxConnections,} or {@code RateLimit rateLimit)}. */
    private static boolean isComponent(String source, String kebabName) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebabName.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return Pattern.compile("[\\w>\\]]\\s+" + Pattern.quote(camel.toString()) + "\\s*[,)]").matcher(source).find();
    }

    private static String serverProperties() throws IOException {
        Path sources = Repository.root().resolve("app/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            // The tree is split by tier: tavern.* in TavernProperties, tavern.db.* in PersistenceProperties...
            List<Path> matches = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("@ConfigurationProperties(\"tavern"))
                    .toList();
            assertThat(matches).as("the server's @ConfigurationProperties(\"tavern...\") classes under " + sources)
                    .isNotEmpty();
            StringBuilder all = new StringBuilder();
            matches.forEach(f -> all.append(read(f)).append('\n'));
            return all.toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
