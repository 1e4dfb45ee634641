package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * helm/tavern/ci/production-values.yaml: external PostgreSQL with credentials in an existing Secret,
 * a LoadBalancer that keeps client IPs, a ServiceMonitor, an autoscaler and a NetworkPolicy.
 */
class HelmRenderProductionTest {

    private static RenderedRelease release;

    @BeforeAll
    static void render() {
        release = TavernChart.withProductionValues().render();
    }

    @Test
    void rendersEveryProductionObject() {
        assertThat(release.names()).containsExactlyInAnyOrder(
                "ServiceAccount/tavern",
                "ConfigMap/tavern",
                "Service/tavern-game",
                "Service/tavern-admin",
                "Deployment/tavern",
                "PodDisruptionBudget/tavern",
                "HorizontalPodAutoscaler/tavern",
                "ServiceMonitor/tavern",
                "NetworkPolicy/tavern");
        assertThat(release.all(Secret.class)).as("credentials come from the existing Secret").isEmpty();
    }

    @Test
    void passesThePlatformSecurityReview() {
        PlatformReview.assertAcceptable(release);
    }

    @Test
    void pinsTheImageByDigest() {
        assertThat(release.server().getImage()).matches("ghcr\\.io/tavern/tavern-server@sha256:[0-9a-f]{64}");
    }

    @Test
    void connectsToTheExternalPostgresqlAndNeverToTheEmbeddedDatabase() {
        JsonNode config = release.applicationConfig();
        assertThat(config.at("/spring/datasource/url").asText())
                .isEqualTo("jdbc:postgresql://tavern-db.databases.svc.cluster.local:5432/tavern?sslmode=verify-full");
        assertThat(config.at("/spring/datasource/username").asText()).isEqualTo("tavern");
        assertThat(config.at("/tavern/db/pool-size").asInt()).isEqualTo(16);
        assertThat(config.at("/tavern/db/embedded-dir").isMissingNode()).isTrue();
        assertThat(release.podSpec().getVolumes()).noneMatch(v -> v.getName().equals("data"));
        assertThat(release.server().getVolumeMounts()).noneMatch(m -> m.getMountPath().equals("/app/data"));
    }

    @Test
    void takesThePasswordAndTheTokenFromTheExistingSecret() {
        EnvVar password = release.env("SPRING_DATASOURCE_PASSWORD").orElseThrow();
        assertThat(password.getValue()).isNull();
        SecretKeySelector passwordRef = password.getValueFrom().getSecretKeyRef();
        assertThat(passwordRef.getName()).isEqualTo("tavern-credentials");
        assertThat(passwordRef.getKey()).isEqualTo("database-password");
        assertThat(passwordRef.getOptional()).as("the password is required").isNotEqualTo(Boolean.TRUE);

        SecretKeySelector tokenRef = release.env("TAVERN_ADMIN_TOKEN").orElseThrow().getValueFrom().getSecretKeyRef();
        assertThat(tokenRef.getName()).isEqualTo("tavern-credentials");
        assertThat(tokenRef.getKey()).isEqualTo("admin-token");
        assertThat(tokenRef.getOptional()).as("the server generates a token when the Secret has none").isTrue();
    }

    @Test
    void rollsOutByStartingTheNewPodBeforeDrainingTheOld() {
        Deployment deployment = release.deployment();
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
    }

    @Test
    void gameServiceIsALoadBalancerThatKeepsClientAddresses() {
        Service game = release.gameService();
        assertThat(game.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(game.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(game.getSpec().getLoadBalancerSourceRanges()).containsExactly("0.0.0.0/0");
        assertThat(game.getMetadata().getAnnotations()).containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        assertThat(game.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(7777);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("game");
        });
    }

    @Test
    void adminServiceStaysInsideTheCluster() {
        assertThat(release.adminService().getSpec().getType()).isEqualTo("ClusterIP");
    }

    @Test
    void serviceMonitorScrapesActuatorPrometheusOnTheAdminServiceOnly() {
        ServiceMonitor monitor = release.get(ServiceMonitor.class, "tavern");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).containsExactly(TavernChart.NAMESPACE);

        LabelSelector selector = monitor.getSpec().getSelector();
        assertThat(release.adminService().getMetadata().getLabels()).containsAllEntriesOf(selector.getMatchLabels());
        assertThat(release.gameService().getMetadata().getLabels())
                .as("the game Service must not be scraped")
                .doesNotContainEntry("app.kubernetes.io/component", selector.getMatchLabels().get("app.kubernetes.io/component"));

        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
        assertThat(endpoint.getPort()).isEqualTo(release.adminService().getSpec().getPorts().get(0).getName());
        assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
        assertThat(endpoint.getInterval()).isEqualTo("15s");
        assertThat(endpoint.getScrapeTimeout()).isEqualTo("10s");
    }

    @Test
    void autoscalerOwnsTheReplicaCountOfTheServerDeployment() {
        HorizontalPodAutoscaler hpa = release.get(HorizontalPodAutoscaler.class, "tavern");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(release.deployment().getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).as("no cluster mode yet").isEqualTo(1);
        MetricSpec cpu = hpa.getSpec().getMetrics().get(0);
        assertThat(cpu.getResource().getName()).isEqualTo("cpu");
        assertThat(cpu.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        assertThat(release.deployment().getSpec().getReplicas())
                .as("the Deployment leaves replicas to the autoscaler, so upgrades do not fight it")
                .isNull();
    }

    @Test
    void networkPolicyOpensTheGamePortToAllAndTheAdminPortToNamedNamespacesOnly() {
        NetworkPolicy policy = release.get(NetworkPolicy.class, "tavern");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");

        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(2);
        NetworkPolicyIngressRule game = rules.stream()
                .filter(r -> r.getPorts().get(0).getPort().getStrVal().equals("game")).findFirst().orElseThrow();
        assertThat(game.getFrom()).as("players come from anywhere").isEmpty();

        NetworkPolicyIngressRule admin = rules.stream()
                .filter(r -> r.getPorts().get(0).getPort().getStrVal().equals("http")).findFirst().orElseThrow();
        assertThat(admin.getPorts()).hasSize(1);
        assertThat(admin.getFrom()).extracting(NetworkPolicyPeer::getPodSelector).containsOnlyNulls();
        assertThat(admin.getFrom()).extracting(NetworkPolicyPeer::getIpBlock).containsOnlyNulls();
        assertThat(admin.getFrom())
                .extracting(peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                .containsExactly("monitoring", "tavern-ops");
    }

    @Test
    void spreadsAndSeparatesPodsWhenThereIsMoreThanOne() {
        List<PodAffinityTerm> antiAffinity = release.podSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution().stream()
                .map(weighted -> weighted.getPodAffinityTerm()).toList();
        assertThat(antiAffinity).singleElement().satisfies(term -> {
            assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getLabelSelector().getMatchLabels())
                    .isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
        });

        TopologySpreadConstraint spread = release.podSpec().getTopologySpreadConstraints().get(0);
        assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
        assertThat(spread.getMaxSkew()).isEqualTo(1);
        assertThat(release.podSpec().getPriorityClassName()).isEqualTo("game-servers");
    }

    @Test
    void hardAntiAffinityIsRequiredRatherThanPreferred() {
        RenderedRelease hard = TavernChart.withProductionValues().set("podAntiAffinity.mode", "hard").render();

        assertThat(hard.podSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(term -> assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void disruptionBudgetLetsDrainsEvictAnUnhealthyPod() {
        PodDisruptionBudget pdb = release.get(PodDisruptionBudget.class, "tavern");
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");

        PodDisruptionBudget strict = TavernChart.withProductionValues()
                .set("podDisruptionBudget.maxUnavailable", "null").set("podDisruptionBudget.minAvailable", 1)
                .render().get(PodDisruptionBudget.class, "tavern");
        assertThat(strict.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(strict.getSpec().getMaxUnavailable()).isNull();
    }

    @Test
    void jvmIsSizedFromTheContainerLimitThroughJavaOpts() {
        assertThat(release.env("JAVA_OPTS")).map(EnvVar::getValue)
                .hasValue("-XX:MaxRAMPercentage=55.0 -XX:MaxDirectMemorySize=512m");
    }
}
