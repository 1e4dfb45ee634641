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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong values fail at install time, with a message that says what is wrong: values.schema.json
 * catches types and unknown keys, the templates catch combinations that would deploy something other
 * than what the operator asked for.
 */
class HelmSchemaTest {

    @TempDir
    Path dir;

    private Path valuesFile(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "values", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void replicaCountAsAStringIsRejectedBySchema() throws IOException {
        String quoted = TavernChart.withDefaults().valuesFile(valuesFile("replicaCount: \"1\"\n")).renderFailure();
        String word = TavernChart.withDefaults().set("replicaCount", "two").renderFailure();

        assertThat(quoted).contains("schema").contains("/replicaCount").contains("want integer");
        assertThat(word).contains("schema").contains("/replicaCount").contains("want integer");
    }

    @Test
    void unknownTopLevelKeyIsRejectedBySchema() {
        assertThat(TavernChart.withDefaults().set("replicas", 1).renderFailure())
                .contains("schema").contains("additional properties 'replicas' not allowed");
    }

    @Test
    void misspeltNestedKeysAreRejectedBySchema() throws IOException {
        assertThat(TavernChart.withDefaults().set("config.tavern.net.max-frame-bytes", 65536).renderFailure())
                .contains("/config/tavern/net").contains("'max-frame-bytes' not allowed");
        assertThat(TavernChart.withDefaults().set("gameService.externalTraficPolicy", "Local").renderFailure())
                .contains("/gameService").contains("'externalTraficPolicy' not allowed");
        assertThat(TavernChart.withDefaults().valuesFile(valuesFile("""
                resources:
                  limits:
                    cpu: "2"
                    memory: 1Gi
                    nvidia.com/gpu: "1"
                """)).renderFailure())
                .contains("/resources/limits").contains("not allowed");
    }

    @Test
    void wrongTypesAndValuesDeepInsideAreRejectedBySchema() throws IOException {
        assertThat(TavernChart.withDefaults().valuesFile(valuesFile("""
                probes:
                  liveness:
                    periodSeconds: "10"
                """)).renderFailure()).contains("/probes/liveness/periodSeconds").contains("want integer");
        assertThat(TavernChart.withDefaults().set("gameService.type", "Ingress").renderFailure())
                .contains("/gameService/type");
        assertThat(TavernChart.withDefaults().set("config.tavern.net.transport", "kqueue").renderFailure())
                .contains("/config/tavern/net/transport");
        assertThat(TavernChart.withDefaults().set("admin.enabled", "yes please").renderFailure())
                .contains("/admin/enabled").contains("want boolean");
        assertThat(TavernChart.withDefaults().set("podLabels.tier", 3).renderFailure())
                .as("label values must be strings").contains("/podLabels/tier");
    }

    @Test
    void moreThanOneReplicaIsRefusedBecauseThereIsNoClusterModeYet() {
        String embedded = TavernChart.withDefaults().set("replicaCount", 2).renderFailure();
        String postgres = TavernChart.withProductionValues().set("autoscaling.enabled", false).set("replicaCount", 3).renderFailure();

        for (String message : List.of(embedded, postgres)) {
            assertThat(message)
                    .contains("replicaCount=")
                    .contains("no cluster mode yet")
                    .contains("its own separate lobby")
                    .contains("embedded database, its own separate data");
        }
    }

    @Test
    void anAutoscalerThatCouldAddReplicasIsRefusedForTheSameReason() {
        assertThat(TavernChart.withProductionValues().set("autoscaling.maxReplicas", 4).renderFailure())
                .contains("autoscaling.maxReplicas=4").contains("no cluster mode yet");
    }

    @Test
    void postgresqlWithoutAHostIsRefusedRatherThanFallingBackToTheEmbeddedDatabase() {
        assertThat(TavernChart.withDefaults().set("database.type", "postgresql").renderFailure())
                .contains("database.postgresql.host").contains("will not fall back to the embedded database");
    }

    @Test
    void postgresqlWithoutAPasswordOrExistingSecretIsRefused() {
        assertThat(TavernChart.withDefaults()
                .set("database.type", "postgresql").set("database.postgresql.host", "db").renderFailure())
                .contains("existingSecret").contains("database.postgresql.password");
    }

    @Test
    void aPostgresqlHostWithTheEmbeddedTypeIsRefusedAsAProbableMistake() {
        assertThat(TavernChart.withDefaults().set("database.postgresql.host", "db.example").renderFailure())
                .contains("database.type is embedded").contains("set database.type=postgresql");
    }

    @Test
    void rollingUpdatesAreRefusedWithTheEmbeddedDatabase() {
        assertThat(TavernChart.withDefaults().set("updateStrategy.type", "RollingUpdate").renderFailure())
                .contains("RollingUpdate needs database.type=postgresql");
    }

    /** Defaults: a 10 s preStop sleep, a 38 s shutdown budget and a 5 s margin need 53 s. */
    @Test
    void aGracePeriodShorterThanThePreStopSleepTheShutdownBudgetAndTheMarginIsRefused() {
        assertThat(TavernChart.withDefaults().set("terminationGracePeriodSeconds", 52).renderFailure())
                .contains("terminationGracePeriodSeconds (52) is shorter than a graceful shutdown may take (53)")
                .contains("shutdown.preStopSleepSeconds (10) + the server's shutdown budget (38: networkDrain 10 + "
                        + "networkClose 2 + httpDrain 5 + logicDrain 2 + hashDrain 2 + nodeRelease 2 + archiveFlush 10 + "
                        + "databaseDrain 5) + shutdown.marginSeconds (5)");
        assertThat(TavernChart.withDefaults().set("terminationGracePeriodSeconds", 53).render().podSpec()
                .getTerminationGracePeriodSeconds()).as("exactly enough is enough").isEqualTo(53);
    }

    @Test
    void lengtheningAnyWaitOfTheShutdownBudgetBeyondTheGracePeriodIsRefused() {
        for (String wait : List.of("networkDrainSeconds", "networkCloseSeconds", "httpDrainSeconds", "logicDrainSeconds",
                "hashDrainSeconds", "nodeReleaseSeconds", "archiveFlushSeconds", "databaseDrainSeconds",
                "preStopSleepSeconds", "marginSeconds")) {
            assertThat(TavernChart.withDefaults().set("shutdown." + wait, 30).renderFailure()).as(wait)
                    .contains("is shorter than a graceful shutdown may take");
        }
        RenderedRelease longer = TavernChart.withDefaults().set("shutdown.archiveFlushSeconds", 30)
                .set("terminationGracePeriodSeconds", 90).render();
        assertThat(longer.applicationConfig().at("/tavern/shutdown/archive-flush").asText()).isEqualTo("30s");
    }

    @Test
    void aDisruptionBudgetWithBothLimitsIsRefused() {
        assertThat(TavernChart.withDefaults().set("podDisruptionBudget.minAvailable", 1).renderFailure())
                .contains("either maxUnavailable or minAvailable");
    }

    @Test
    void aNetworkPolicyThatWouldLockOutPrometheusIsRefused() {
        assertThat(TavernChart.withDefaults().set("networkPolicy.enabled", true).set("serviceMonitor.enabled", true).renderFailure())
                .contains("Prometheus could not scrape");
    }

    /**
     * The schema is closed at every level: each object either lists its keys and forbids others
     * (additionalProperties: false) or is a typed map of operator-chosen keys (labels, annotations,
     * log levels) whose values still have a type.
     */
    @Test
    void everyObjectInTheSchemaIsClosedOrATypedMap() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Repository.chart().resolve("values.schema.json").toFile());
        List<String> open = new ArrayList<>();
        int objects = walk(schema, "", open);

        assertThat(objects).as("object schemas checked").isGreaterThan(40);
        assertThat(open).as("object schemas that accept unknown keys").isEmpty();
    }

    private static int walk(JsonNode node, String path, List<String> open) {
        int objects = 0;
        if (node.isObject()) {
            boolean describesAnObject = node.has("properties") || "object".equals(node.path("type").asText());
            if (describesAnObject) {
                objects++;
                JsonNode additional = node.get("additionalProperties");
                boolean closed = additional != null && additional.isBoolean() && !additional.asBoolean();
                boolean typedMap = additional != null && additional.isObject() && !additional.isEmpty();
                if (!closed && !typedMap) {
                    open.add(path.isEmpty() ? "/" : path);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                objects += walk(field.getValue(), path + "/" + field.getKey(), open);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                objects += walk(node.get(i), path + "/" + i, open);
            }
        }
        return objects;
    }
}
