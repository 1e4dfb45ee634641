package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `helm install tavern ./helm/tavern` with no values: a single hardened server on the embedded database. */
class HelmRenderDefaultsTest {

    private static RenderedRelease release;

    @BeforeAll
    static void render() {
        release = TavernChart.withDefaults().render();
    }

    @Test
    void rendersOnlyTheCoreObjects() {
        assertThat(release.names()).containsExactlyInAnyOrder(
                "ServiceAccount/tavern",
                "ConfigMap/tavern",
                "Service/tavern-game",
                "Service/tavern-admin",
                "Deployment/tavern",
                "PodDisruptionBudget/tavern");
        assertThat(release.all(HorizontalPodAutoscaler.class)).as("HPA is opt-in").isEmpty();
        assertThat(release.all(ServiceMonitor.class)).as("ServiceMonitor is opt-in").isEmpty();
        assertThat(release.all(NetworkPolicy.class)).as("NetworkPolicy is opt-in").isEmpty();
        assertThat(release.all(Secret.class)).as("no Secret without a password or token to keep").isEmpty();
    }

    @Test
    void passesThePlatformSecurityReview() {
        PlatformReview.assertAcceptable(release);
    }

    @Test
    void runsExactlyOneServerReplacedByRecreate() {
        assertThat(release.deployment().getSpec().getReplicas()).isEqualTo(1);
        assertThat(release.deployment().getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    @Test
    void runsAsTheImagesFixedUserWithoutServiceLinks() {
        assertThat(release.podSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(release.podSpec().getSecurityContext().getRunAsGroup()).isEqualTo(10001L);
        assertThat(release.podSpec().getSecurityContext().getFsGroup()).isEqualTo(10001L);
        assertThat(release.podSpec().getEnableServiceLinks()).as("enableServiceLinks").isFalse();
    }

    @Test
    void exposesTheGamePortAndTheHttpPortUnderTheirNames() {
        assertThat(release.server().getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort, ContainerPort::getProtocol)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("game", 7777, "TCP"),
                        org.assertj.core.groups.Tuple.tuple("http", 8080, "TCP"));
    }

    @Test
    void gameServiceIsClusterIpOnTheGamePort() {
        Service game = release.gameService();
        assertThat(game.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(game.getSpec().getExternalTrafficPolicy()).as("only meaningful for external Services").isNull();
        assertThat(game.getSpec().getSelector()).isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
        ServicePort port = game.getSpec().getPorts().get(0);
        assertThat(port.getPort()).isEqualTo(7777);
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("game");
        assertThat(port.getProtocol()).isEqualTo("TCP");
    }

    @Test
    void adminServiceIsClusterIpOnTheHttpPort() {
        Service admin = release.adminService();
        assertThat(admin.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(admin.getSpec().getSelector()).isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
        ServicePort port = admin.getSpec().getPorts().get(0);
        assertThat(port.getPort()).isEqualTo(8080);
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void serverReadsTheConfigMapAsItsAdditionalConfiguration() {
        assertThat(release.env("SPRING_CONFIG_ADDITIONAL_LOCATION")).map(EnvVar::getValue)
                .hasValue("file:/etc/tavern/application.yaml");
        Volume config = release.podSpec().getVolumes().stream().filter(v -> v.getName().equals("config")).findFirst().orElseThrow();
        assertThat(config.getConfigMap().getName()).isEqualTo("tavern");
        assertThat(release.server().getVolumeMounts())
                .anySatisfy(m -> {
                    assertThat(m.getName()).isEqualTo("config");
                    assertThat(m.getMountPath()).isEqualTo("/etc/tavern");
                    assertThat(m.getReadOnly()).isTrue();
                });
        assertThat(release.get(ConfigMap.class, "tavern").getData()).containsOnlyKeys("application.yaml");
    }

    @Test
    void configurationCarriesPortsShutdownTimingAndJsonLogs() {
        JsonNode config = release.applicationConfig();
        assertThat(config.at("/tavern/net/port").asInt()).isEqualTo(7777);
        assertThat(config.at("/server/port").asInt()).isEqualTo(8080);
        assertThat(config.at("/tavern/shutdown/network-drain").asText()).isEqualTo("10s");
        assertThat(config.at("/tavern/shutdown/http-drain").asText()).isEqualTo("5s");
        assertThat(config.at("/tavern/shutdown/archive-flush").asText()).isEqualTo("10s");
        assertThat(PlatformReview.shutdownBudgetSeconds(config)).as("the server's default shutdown budget").isEqualTo(38);
        assertThat(release.podSpec().getTerminationGracePeriodSeconds()).isEqualTo(60);
        assertThat(config.at("/logging/structured/format/console").asText()).isEqualTo("ecs");
        assertThat(config.at("/management/endpoints/web/exposure/include").asText()).contains("health", "prometheus");
        assertThat(config.at("/tavern/net/max-frame-size").asText()).isEqualTo("64KB");
        assertThat(config.at("/tavern/chat/rate-limit/per-second").asInt()).isEqualTo(5);
        assertThat(config.at("/tavern/admin/enabled").asBoolean()).isTrue();
    }

    @Test
    void usesTheEmbeddedDatabaseInAnEmptyDirAndSaysSoInTheConfiguration() {
        JsonNode config = release.applicationConfig();
        assertThat(config.at("/tavern/db/embedded-dir").asText()).isEqualTo("/app/data");
        assertThat(config.at("/spring/datasource").isMissingNode()).as("no datasource: embedded database").isTrue();
        Volume data = release.podSpec().getVolumes().stream().filter(v -> v.getName().equals("data")).findFirst().orElseThrow();
        assertThat(data.getEmptyDir()).isNotNull();
        assertThat(release.all(PersistentVolumeClaim.class)).isEmpty();
        assertThat(release.env("SPRING_DATASOURCE_PASSWORD")).isEmpty();
    }

    @Test
    void withoutATokenTheServerGeneratesItsOwnIntoTheWritableTmp() {
        assertThat(release.env("TAVERN_ADMIN_TOKEN")).isEmpty();
        JsonNode config = release.applicationConfig();
        assertThat(config.at("/tavern/admin/generated-token-file").asText()).isEqualTo("/tmp/tavern/admin-token");
        assertThat(config.at("/tavern/admin/operators-file").isMissingNode()).isTrue();
    }

    @Test
    void namedOperatorsGoIntoTheSecretAndReachTheServerAsAMountedOperatorsFile() {
        String digest = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
        RenderedRelease withOperators = TavernChart.withDefaults()
                .set("admin.operators[0].name", "alice").set("admin.operators[0].role", "admin")
                .set("admin.operators[0].tokenSha256", digest)
                .set("admin.operators[1].name", "bob").set("admin.operators[1].role", "viewer")
                .set("admin.operators[1].token", "bob-token-0123456789")
                .render();

        Secret secret = withOperators.get(Secret.class, "tavern");
        String file = new String(Base64.getDecoder().decode(secret.getData().get("admin-operators")));
        assertThat(file.lines().filter(line -> !line.startsWith("#")))
                .containsExactly("alice admin sha256:" + digest, "bob viewer bob-token-0123456789");
        Volume operators = withOperators.podSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("operators")).findFirst().orElseThrow();
        assertThat(operators.getSecret().getSecretName()).isEqualTo("tavern");
        assertThat(operators.getSecret().getDefaultMode()).as("0440: the server's group only").isEqualTo(0440);
        assertThat(operators.getSecret().getItems()).singleElement()
                .satisfies(item -> assertThat(item.getKey() + " -> " + item.getPath()).isEqualTo("admin-operators -> operators"));
        assertThat(withOperators.server().getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo("operators");
            assertThat(mount.getMountPath()).isEqualTo("/etc/tavern/operators");
            assertThat(mount.getReadOnly()).isTrue();
        });
        assertThat(withOperators.applicationConfig().at("/tavern/admin/operators-file").asText())
                .isEqualTo("/etc/tavern/operators/operators");
        assertThat(withOperators.get(ConfigMap.class, "tavern").getData().get("application.yaml"))
                .doesNotContain("bob-token-0123456789");
    }

    @Test
    void anOperatorWithoutATokenOrWithAnUnknownRoleIsRefusedBeforeAnythingIsDeployed() {
        assertThat(TavernChart.withDefaults().set("admin.operators[0].name", "alice")
                .set("admin.operators[0].role", "admin").renderFailure()).contains("operators");
        assertThat(TavernChart.withDefaults().set("admin.operators[0].name", "alice")
                .set("admin.operators[0].role", "boss").set("admin.operators[0].token", "alice-token-0123456789")
                .renderFailure()).contains("role");
    }

    @Test
    void anAdminTokenGoesIntoASecretAndReachesTheServerFromThere() {
        RenderedRelease withToken = TavernChart.withDefaults().set("admin.token", "s3cret-token").render();

        Secret secret = withToken.get(Secret.class, "tavern");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("admin-token")))).isEqualTo("s3cret-token");
        EnvVar token = withToken.env("TAVERN_ADMIN_TOKEN").orElseThrow();
        assertThat(token.getValue()).as("never inline").isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("tavern");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("admin-token");
        assertThat(token.getValueFrom().getSecretKeyRef().getOptional()).isFalse();
        assertThat(withToken.get(ConfigMap.class, "tavern").getData().get("application.yaml")).doesNotContain("s3cret-token");
    }

    @Test
    void aConfigurationChangeRollsThePods() {
        String before = checksum(release);
        String after = checksum(TavernChart.withDefaults().set("config.tavern.rooms.max-capacity", 32).render());
        String same = checksum(TavernChart.withDefaults().render());

        assertThat(before).matches("[0-9a-f]{64}");
        assertThat(after).isNotEqualTo(before);
        assertThat(same).as("rendering is deterministic").isEqualTo(before);
    }

    @Test
    void aSecretChangeRollsThePods() {
        Map<String, String> first = TavernChart.withDefaults().set("admin.token", "one").render()
                .deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        Map<String, String> second = TavernChart.withDefaults().set("admin.token", "two").render()
                .deployment().getSpec().getTemplate().getMetadata().getAnnotations();

        assertThat(first.get("checksum/secret")).isNotNull().isNotEqualTo(second.get("checksum/secret"));
    }

    @Test
    void persistenceKeepsTheEmbeddedDatabaseOnAClaimThatOutlivesTheRelease() {
        RenderedRelease persistent = TavernChart.withDefaults().set("database.embedded.persistence.enabled", true).render();

        PersistentVolumeClaim claim = persistent.get(PersistentVolumeClaim.class, "tavern-data");
        assertThat(claim.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        Volume data = persistent.podSpec().getVolumes().stream().filter(v -> v.getName().equals("data")).findFirst().orElseThrow();
        assertThat(data.getPersistentVolumeClaim().getClaimName()).isEqualTo("tavern-data");
        PlatformReview.assertAcceptable(persistent);
    }

    @Test
    void nodePortAndLoadBalancerAreOptionsOfTheGameService() {
        Service nodePort = TavernChart.withDefaults()
                .set("gameService.type", "NodePort").set("gameService.nodePort", 30777).render().gameService();
        assertThat(nodePort.getSpec().getType()).isEqualTo("NodePort");
        assertThat(nodePort.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30777);
        assertThat(nodePort.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");

        Service loadBalancer = TavernChart.withDefaults()
                .set("gameService.type", "LoadBalancer").set("gameService.externalTrafficPolicy", "Local").render().gameService();
        assertThat(loadBalancer.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(loadBalancer.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    }

    @Test
    void zeroReplicasStopsTheServerWithoutUninstalling() {
        assertThat(TavernChart.withDefaults().set("replicaCount", 0).render().deployment().getSpec().getReplicas()).isZero();
    }

    private static String checksum(RenderedRelease rendered) {
        return rendered.deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }
}
